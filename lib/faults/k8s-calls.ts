// The xk6-disruptor call for each fault: which disruptor (ServiceDisruptor for HTTP faults and
// pod termination, which maps service ports; PodDisruptor on `app=<target>` for network drops,
// the only disruptor that has them), which method, which arguments. Kinds the disruptor lacks
// throw one sentence. Pure: backend-k8s.ts executes the plan.
import type { HTTPFault, NetworkFault as DisruptorNetworkFault, PodSelector, PodTerminationFault } from "k6/x/disruptor";
import { goDuration } from "../../contracts/duration.ts";
import { httpFaultFields, type HttpFault, type NetworkFault, type PodTermination, type Target } from "./model.ts";

/** Which disruptor to construct. */
export type DisruptorRef = { type: "service"; service: string; namespace: string } | { type: "pod"; selector: PodSelector };

/** One disruptor call, ready to execute. */
export type K8sCall =
  | { disruptor: DisruptorRef; method: "injectHTTPFaults"; args: [HTTPFault, string] }
  | { disruptor: DisruptorRef; method: "terminatePods"; args: [PodTerminationFault] }
  | { disruptor: DisruptorRef; method: "injectNetworkFaults"; args: [DisruptorNetworkFault, string] };

/** The error for fault kinds the disruptor cannot inject. */
export function notSupported(what: string): Error {
  return new Error(`${what} is not supported on the k8s backend: use the Chaos Mesh manifest in deploy/k8s`);
}

/** ServiceDisruptor.injectHTTPFaults: only the fields set are sent (an unknown or empty key is an error there). */
export function httpFaultCall(namespace: string, target: Target, fault: HttpFault, durationMs: number): K8sCall {
  const spec: HTTPFault = fault.port === undefined ? httpFaultFields(fault) : { port: fault.port, ...httpFaultFields(fault) };
  return { disruptor: { type: "service", service: target, namespace }, method: "injectHTTPFaults", args: [spec, goDuration(durationMs, "duration")] };
}

/** ServiceDisruptor.terminatePods. */
export function podFaultCall(namespace: string, target: Target, fault: PodTermination): K8sCall {
  const spec: PodTerminationFault = { count: fault.count };
  if (fault.timeout !== undefined) spec.timeout = goDuration(fault.timeout, "timeout");
  return { disruptor: { type: "service", service: target, namespace }, method: "terminatePods", args: [spec] };
}

/** PodDisruptor(app=<target>).injectNetworkFaults for `drop`; other actions are local-only. */
export function networkFaultCall(namespace: string, target: Target, fault: NetworkFault, durationMs: number): K8sCall {
  if (fault.action !== "drop") throw notSupported(`network action "${fault.action}"`);
  // The agent's network-drop command refuses durations under one second.
  if (durationMs < 1_000) throw new Error(`a network drop on the k8s backend must last at least 1s; got ${durationMs}ms`);
  const spec: DisruptorNetworkFault = {};
  if (fault.port !== undefined) spec.port = fault.port;
  if (fault.protocol !== undefined) spec.protocol = fault.protocol;
  const selector: PodSelector = { namespace, select: { labels: { app: target } } };
  return { disruptor: { type: "pod", selector }, method: "injectNetworkFaults", args: [spec, goDuration(durationMs, "duration")] };
}
