// The xk6-disruptor call for each fault: which disruptor (ServiceDisruptor for HTTP faults and
// pod termination, which maps service ports; PodDisruptor on `app=<target>` for network drops,
// the only disruptor that has them), which method, which arguments. Kinds the disruptor lacks
// throw one sentence. Pure: backend-k8s.ts executes the plan. Checked against grafana/xk6-disruptor
// v0.3.17 (the files named below).
import type { HTTPFault, NetworkFault as DisruptorNetworkFault, PodSelector, PodTerminationFault } from "k6/x/disruptor";
import { goDuration } from "../../contracts/duration.ts";
import { httpFaultFields, type FaultStep, type HttpFault, type NetworkFault, type PodTermination, type Target } from "./model.ts";

/** Which disruptor to construct. */
export type DisruptorRef = { type: "service"; service: string; namespace: string } | { type: "pod"; selector: PodSelector };

/** One disruptor call, ready to execute. */
export type K8sCall =
  | { disruptor: DisruptorRef; method: "injectHTTPFaults"; args: [HTTPFault, string] }
  | { disruptor: DisruptorRef; method: "terminatePods"; args: [PodTerminationFault] }
  | { disruptor: DisruptorRef; method: "injectNetworkFaults"; args: [DisruptorNetworkFault, string] };

/** The error for fault kinds the disruptor cannot inject. */
export function notSupported(what: string): Error {
  return new Error(`${what} is not supported on the k8s backend: use the Chaos Mesh manifest in deploy/k8s, or the local flavor (build/local)`);
}

/** Throws notSupported for a step xk6-disruptor cannot inject: stress, stream faults, network actions other than drop. */
export function checkSupported(step: FaultStep): void {
  if (step.kind === "stress") throw notSupported("resource stress");
  if (step.kind === "stream") throw notSupported(`stream ${step.spec.action}`);
  if (step.kind === "network" && step.spec.action !== "drop") throw notSupported(`network action "${step.spec.action}"`);
}

/** ServiceDisruptor.injectHTTPFaults: only the fields set are sent (an unknown or empty key is an error there). */
export function httpFaultCall(namespace: string, target: Target, fault: HttpFault, durationMs: number): K8sCall {
  const spec: HTTPFault = fault.port === undefined ? httpFaultFields(fault) : { port: fault.port, ...httpFaultFields(fault) };
  return { disruptor: { type: "service", service: target, namespace }, method: "injectHTTPFaults", args: [spec, goDuration(durationMs, "duration")] };
}

/**
 * The call that injects the disruptor's agent into `target`'s pods without disturbing them: an
 * HTTP fault with no delay and no error for 1 s, the agent's shortest (pkg/agent/protocol/protocol.go
 * refuses less). The agent is an ephemeral container attached at a pod's first fault call, waiting
 * up to 30 s for it (pkg/disruptors/controller.go, injectDisruptorAgent) and kept
 * (IgnoreIfExists), so a warm-up in setup() spares the timeline that wait.
 */
export function warmUpCall(namespace: string, target: Target): K8sCall {
  return httpFaultCall(namespace, target, {}, 1_000);
}

/** ServiceDisruptor.terminatePods. */
export function podFaultCall(namespace: string, target: Target, fault: PodTermination): K8sCall {
  const spec: PodTerminationFault = { count: fault.count };
  if (fault.timeout !== undefined) spec.timeout = goDuration(fault.timeout, "timeout");
  return { disruptor: { type: "service", service: target, namespace }, method: "terminatePods", args: [spec] };
}

/** PodDisruptor(app=<target>).injectNetworkFaults for `drop`; other actions are local-only. */
export function networkFaultCall(namespace: string, target: Target, fault: NetworkFault, durationMs: number): K8sCall {
  checkSupported({ kind: "network", target, spec: fault });
  const spec: DisruptorNetworkFault = {};
  if (fault.action === "drop") {
    if (fault.port !== undefined) spec.port = fault.port;
    if (fault.protocol !== undefined) spec.protocol = fault.protocol;
  }
  const selector: PodSelector = { namespace, select: { labels: { app: target } } };
  return { disruptor: { type: "pod", selector }, method: "injectNetworkFaults", args: [spec, goDuration(durationMs, "duration")] };
}
