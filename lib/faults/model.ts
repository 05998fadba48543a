// The fault model, mirroring xk6-disruptor's so that one scenario runs on both backends:
// HTTP faults, pod termination, network faults, resource stress, and (local only) stream faults.
// Specs are validated once, before anything is injected (the disruptor's invariants: variation
// <= average delay, rate in 0..1, a code whenever the rate is > 0); and the backend interface
// both backends implement. Pure: no k6 imports.
import { durationMs, goDuration, type Duration } from "../../contracts/duration.ts";

/** A target as Kubernetes names it: a Service (and its pods, labelled `app=<name>`) in a namespace, or a link of the local controller. */
export type Target = string;

/** The reference stack's targets (stack/, deploy/k8s): ai-service, then the defaults of PRIMARY_TARGET and SECONDARY_TARGET. */
export const TARGETS = ["ai-service", "provider-a", "provider-b"] as const;

/** A Kubernetes name (RFC 1123 label): lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63. */
export const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Faults injected into requests served by a target (xk6-disruptor HTTPFault). */
export interface HttpFault {
  /** Delay added to every request. */
  averageDelay?: Duration;
  /** Spread of that delay (<= averageDelay). */
  delayVariation?: Duration;
  /** Share of requests answered with `errorCode`, 0..1. */
  errorRate?: number;
  /** HTTP status for the failed share; required when errorRate > 0. */
  errorCode?: number;
  /** Body of the injected errors. */
  errorBody?: string;
  /** Paths left untouched (e.g. "/healthz"). */
  exclude?: string | readonly string[];
  /** k8s only: the service port to disrupt (required when the service has several). */
  port?: number | string;
}

/** An HTTP fault's fields as xk6-disruptor and the local controller both take them. */
export type HttpFaultFields = Partial<Record<"averageDelay" | "delayVariation" | "errorBody" | "exclude", string> & Record<"errorRate" | "errorCode", number>>;

/** Only the fields set (an empty key is an error for the disruptor), durations as Go strings, `exclude` comma-joined. */
export function httpFaultFields(fault: HttpFault): HttpFaultFields {
  const fields: HttpFaultFields = {};
  if (fault.averageDelay !== undefined) fields.averageDelay = goDuration(fault.averageDelay, "averageDelay");
  if (fault.delayVariation !== undefined) fields.delayVariation = goDuration(fault.delayVariation, "delayVariation");
  if (fault.errorRate !== undefined) fields.errorRate = fault.errorRate;
  if (fault.errorCode !== undefined) fields.errorCode = fault.errorCode;
  if (fault.errorBody !== undefined) fields.errorBody = fault.errorBody;
  if (fault.exclude !== undefined) fields.exclude = typeof fault.exclude === "string" ? fault.exclude : fault.exclude.join(",");
  return fields;
}

/** Pods to terminate now (xk6-disruptor PodTerminationFault). */
export interface PodTermination {
  /**
   * A number of pods, or a percentage such as "50%" of the target's pods, rounded to the nearest
   * whole pod (halves up) and at least one, as xk6-disruptor's utils.Sample does
   * (pkg/utils/kubernetes.go: max(1, math.Round(pods × percentage / 100))).
   */
  count: number | `${number}%`;
  /** How long to wait for each pod to terminate. */
  timeout?: Duration;
}

/** Network faults on a target's link: `drop` as xk6-disruptor; the rest local-only (Toxiproxy-like). */
export type NetworkFault =
  | { action: "drop"; port?: number; protocol?: "tcp" | "udp" | "icmp" }
  | { action: "latency"; latency: Duration; jitter?: Duration }
  | { action: "bandwidth"; /** Bytes per second. */ rate: number }
  | { action: "reset"; /** Share of connections reset, 0..1. */ probability: number; afterBytes?: number }
  | { action: "blackhole" };

/** Faults on a target's streamed answers (local controller only; xk6-disruptor has none): each answer is broken with `probability` (default 1). */
export type StreamFault =
  | { action: "cut" | "malformed" | "error-event"; probability?: number; /** SSE events passed before the break (default 1). */ afterChunks?: number }
  | { action: "stall"; stallFor: Duration; probability?: number; afterChunks?: number }
  | { action: "drip"; /** Added before every event: a slow generation. */ delay: Duration; probability?: number };

/** CPU and memory pressure on a target (local; Chaos Mesh StressChaos on Kubernetes). */
export interface StressFault {
  /** Percent of each stressed CPU, 1..100. */
  cpuLoad?: number;
  /** CPUs to stress. */
  cpus?: number;
  /** Memory to hold, e.g. "256MB". */
  memory?: string;
}

/** Throws a sentence unless `target` is a Kubernetes name. */
export function validateTarget(target: string): void {
  if (!KUBERNETES_NAME.test(target)) throw new Error(`fault target must be a Kubernetes name (lower-case letters, digits and "-", such as "provider-a"); got "${target}"`);
}

/** Throws a sentence for the first broken invariant of an HTTP fault. */
export function validateHttpFault(fault: HttpFault): void {
  const average = fault.averageDelay === undefined ? 0 : durationMs(fault.averageDelay, "averageDelay");
  const variation = fault.delayVariation === undefined ? 0 : durationMs(fault.delayVariation, "delayVariation");
  if (variation > average) throw new Error(`delayVariation (${variation}ms) must not exceed averageDelay (${average}ms)`);
  const rate = fault.errorRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new Error(`errorRate must be a number from 0 to 1; got ${fault.errorRate}`);
  if (rate > 0 && !(Number.isInteger(fault.errorCode) && (fault.errorCode ?? 0) >= 100 && (fault.errorCode ?? 0) <= 599)) {
    throw new Error(`errorCode must be an HTTP status (100-599) when errorRate > 0; got ${fault.errorCode}`);
  }
  if (average === 0 && rate === 0) throw new Error("an HTTP fault needs averageDelay or errorRate > 0, or it does nothing");
}

/** Throws a sentence unless `count` is a positive integer or a percentage "1%".."100%". */
export function validatePodTermination(fault: PodTermination): void {
  const { count } = fault;
  const ok = typeof count === "number" ? Number.isInteger(count) && count >= 1 : /^([1-9]\d?|100)%$/.test(count);
  if (!ok) throw new Error(`count must be a number of pods >= 1 or a percentage such as "50%"; got ${JSON.stringify(count)}`);
  if (fault.timeout !== undefined) durationMs(fault.timeout, "timeout");
}

/** Throws a sentence for a network fault whose parameters do not fit its action. */
export function validateNetworkFault(fault: NetworkFault): void {
  switch (fault.action) {
    case "drop":
    case "blackhole":
      return;
    case "latency":
      durationMs(fault.latency, "latency");
      if (fault.jitter !== undefined) durationMs(fault.jitter, "jitter");
      return;
    case "bandwidth":
      if (!(fault.rate > 0)) throw new Error(`bandwidth rate must be bytes per second > 0; got ${fault.rate}`);
      return;
    case "reset":
      if (!(fault.probability > 0 && fault.probability <= 1)) throw new Error(`reset probability must be in (0, 1]; got ${fault.probability}`);
      return;
    default:
      throw new Error(`network action must be one of drop, latency, bandwidth, reset, blackhole; got "${(fault as { action: string }).action}"`);
  }
}

/** Throws a sentence for a stream fault whose parameters do not fit its action. */
export function validateStreamFault(fault: StreamFault): void {
  const { probability } = fault;
  if (probability !== undefined && !(probability > 0 && probability <= 1)) throw new Error(`stream fault probability must be in (0, 1]; got ${probability}`);
  switch (fault.action) {
    case "drip":
      durationMs(fault.delay, "delay");
      return;
    case "stall":
      durationMs(fault.stallFor, "stallFor");
      break;
    case "cut":
    case "malformed":
    case "error-event":
      break;
    default:
      throw new Error(`stream action must be one of cut, stall, malformed, error-event, drip; got "${(fault as { action: string }).action}"`);
  }
  if (fault.afterChunks !== undefined && !(Number.isInteger(fault.afterChunks) && fault.afterChunks >= 0)) {
    throw new Error(`afterChunks must be a whole number of SSE events >= 0; got ${fault.afterChunks}`);
  }
}

/** Throws a sentence for stress parameters out of range. */
export function validateStressFault(fault: StressFault): void {
  if (fault.cpuLoad !== undefined && !(fault.cpuLoad >= 1 && fault.cpuLoad <= 100)) throw new Error(`cpuLoad must be a percentage from 1 to 100; got ${fault.cpuLoad}`);
  if (fault.cpus !== undefined && !(Number.isInteger(fault.cpus) && fault.cpus >= 1)) throw new Error(`cpus must be an integer >= 1; got ${fault.cpus}`);
  if (fault.memory !== undefined && !/^\d+(KB|MB|GB)$/.test(fault.memory)) throw new Error(`memory must look like "256MB" (KB, MB or GB); got "${fault.memory}"`);
  if (fault.cpuLoad === undefined && fault.memory === undefined) throw new Error("a stress fault needs cpuLoad or memory, or it does nothing");
}

/** One step of a fault track (lib/faults/tracks.ts builds them). `duration` (ms or a Go string) defaults to the rest of the fault window. */
export type FaultStep =
  | { kind: "http"; target: Target; spec: HttpFault; duration?: Duration }
  | { kind: "network"; target: Target; spec: NetworkFault; duration?: Duration }
  | { kind: "stream"; target: Target; spec: StreamFault; duration?: Duration }
  | { kind: "stress"; target: Target; spec: StressFault; duration?: Duration }
  /** Instant: the pods are killed, then the step waits (at most 2 s) until readiness shows the loss. */
  | { kind: "pods"; target: Target; spec: PodTermination }
  /** Injects nothing: the load is the fault (a surge), the track only waits it out. */
  | { kind: "wait"; target: Target; duration?: Duration };

/** A step's kind. */
export type FaultKind = FaultStep["kind"];

/** What a fault acted on (requests, connections, answers), as the backend counted it; undefined when it cannot count. */
export type Affected = number | undefined;

/** A link's upstream traffic (the local controller's `traffic`): the caller's attempts and the requests relayed upstream since it started (monotonic), and answers open now. */
export interface LinkTraffic {
  attempts: number;
  requests: number;
  open: number;
}

/**
 * What a fault backend implements. Both backends (local controller, k8s disruptor) export one
 * `backend` of this shape; scripts/build.ts picks which one a bundle gets (lib/faults/backend.ts).
 * Every inject call resolves when the fault has ended, as xk6-disruptor's calls block for their
 * duration, with what the fault affected. Durations are milliseconds; specs arrive validated.
 */
export interface FaultBackend {
  /** "local" or "k8s", for log lines. */
  readonly name: string;
  /** It counts what each fault affected (the local controller does; xk6-disruptor has no such count). */
  readonly countsAffected: boolean;
  /** It counts each link's upstream traffic (the local controller does; xk6-disruptor has no such count). */
  readonly countsTraffic: boolean;
  /** The upstream traffic of every link the backend has, by target name. */
  readTraffic(): Promise<Record<Target, LinkTraffic>>;
  /** In setup(), before the timeline starts: refuses steps it cannot inject and readies their targets (k8s: injects the disruptor agents). */
  prepare(steps: readonly FaultStep[]): Promise<void>;
  /** HTTP faults on requests served by `target`, for `durationMs`. */
  injectHttpFault(target: Target, fault: HttpFault, durationMs: number): Promise<Affected>;
  /** Terminates pods of `target` now; resolves once the request is done. */
  terminatePods(target: Target, fault: PodTermination): Promise<void>;
  /** A network fault on `target`'s link, for `durationMs`. */
  injectNetworkFault(target: Target, fault: NetworkFault, durationMs: number): Promise<Affected>;
  /** A stream fault on `target`'s streamed answers, for `durationMs`. */
  injectStreamFault(target: Target, fault: StreamFault, durationMs: number): Promise<Affected>;
  /** CPU/memory stress on `target`, for `durationMs`. */
  injectStress(target: Target, fault: StressFault, durationMs: number): Promise<Affected>;
  /** Ends every fault this backend can end (teardown). */
  reset(): Promise<void>;
}
