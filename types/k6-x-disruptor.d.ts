// Types for `k6/x/disruptor` (grafana/xk6-disruptor v0.3.17, archived 2026-02), written from its
// documented JavaScript API (k6-docs "xk6-disruptor API") and the argument conversion of its
// pkg/api: keys are camelCase, an unknown key is an error, every duration is a Go duration
// string ("30s"; numbers are rejected). Only the k8s flavor of lib/faults imports the module.
// Checked against the extension's source (github.com/grafana/xk6-disruptor, tag v0.3.17):
// - every fault call's duration must be at least 1s: the agent refuses less
//   (pkg/agent/protocol/protocol.go, pkg/agent/network/disruptor.go);
// - the agent is attached to each target pod at its first fault call, waiting up to 30s for it
//   (pkg/disruptors/controller.go);
// - PodDisruptor.injectNetworkFaults exists from v0.3.16 on (optional below: older binaries lack it);
// - the module is instantiated per VU, and each instance builds a Kubernetes client that asks the
//   API server its version once (disruptor.go NewModuleInstance, pkg/kubernetes/kubernetes.go).
declare module "k6/x/disruptor" {
  /** A Go duration string such as "30s" or "100ms". */
  export type GoDuration = string;

  /** Faults injected into HTTP requests served by the targets. */
  export interface HTTPFault {
    /** Port to disrupt: PodDisruptor default 80; ServiceDisruptor: the service port (required when it has several). */
    port?: number | string;
    /** Delay added to every intercepted request (default "0"). */
    averageDelay?: GoDuration;
    /** Variation of that delay (default "0"). */
    delayVariation?: GoDuration;
    /** Share of requests answered with errorCode, 0.0..1.0 (default 0). */
    errorRate?: number;
    /** HTTP status of the injected errors. */
    errorCode?: number;
    /** Body of the injected errors. */
    errorBody?: string;
    /** Comma-separated URL paths excluded from the faults. */
    exclude?: string;
  }

  /** Faults injected into gRPC requests served by the targets. */
  export interface GrpcFault {
    port?: number | string;
    averageDelay?: GoDuration;
    delayVariation?: GoDuration;
    errorRate?: number;
    /** gRPC status code of the injected errors (e.g. 14). */
    statusCode?: number;
    statusMessage?: string;
    /** Comma-separated service names excluded from the faults. */
    exclude?: string;
  }

  /** Pods to terminate. */
  export interface PodTerminationFault {
    /**
     * A number of pods, or a percentage string such as "30%": that share of the target's pods
     * rounded to the nearest pod (halves up), at least one (pkg/utils/kubernetes.go Sample).
     */
    count: number | string;
    /** How long to wait for each pod to terminate (default "10s"). */
    timeout?: GoDuration;
  }

  /** Drops incoming traffic on the targets' port (iptables DROP), PodDisruptor only (v0.3.16+). */
  export interface NetworkFault {
    /** 0 or absent: every port. */
    port?: number;
    protocol?: "tcp" | "udp" | "icmp" | "";
  }

  /** Options of the fault-injection calls. */
  export interface FaultInjectionOptions {
    /** Port the agent listens on inside the target pods (default 8000); not the target port. */
    proxyPort?: number;
  }

  /** Options of both constructors. */
  export interface DisruptorOptions {
    /** How long to wait for the agent to be ready ("0": 30s default; negative: do not wait). */
    injectTimeout?: GoDuration;
  }

  /** Pods selected by namespace and labels. */
  export interface PodSelector {
    namespace?: string;
    select?: { labels: Record<string, string> };
    exclude?: { labels: Record<string, string> };
  }

  /** Disrupts the pods that match a selector. Methods block the VU for the fault's duration. */
  export class PodDisruptor {
    constructor(selector: PodSelector, options?: DisruptorOptions);
    /** Names of the target pods. */
    targets(): string[];
    injectHTTPFaults(fault: HTTPFault, duration: GoDuration, options?: FaultInjectionOptions): void;
    injectGrpcFaults(fault: GrpcFault, duration: GoDuration, options?: FaultInjectionOptions): void;
    terminatePods(fault: PodTerminationFault): void;
    /** v0.3.16 and later only: absent from older extensions. */
    injectNetworkFaults?(fault: NetworkFault, duration: GoDuration): void;
  }

  /** Disrupts the pods behind a Service; it has no injectNetworkFaults. */
  export class ServiceDisruptor {
    constructor(service: string, namespace: string, options?: DisruptorOptions);
    targets(): string[];
    injectHTTPFaults(fault: HTTPFault, duration: GoDuration, options?: FaultInjectionOptions): void;
    injectGrpcFaults(fault: GrpcFault, duration: GoDuration, options?: FaultInjectionOptions): void;
    terminatePods(fault: PodTerminationFault): void;
  }
}
