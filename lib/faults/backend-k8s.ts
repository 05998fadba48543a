// The k8s backend: faults through xk6-disruptor (`k6/x/disruptor`, a k6 binary built with the
// extension, run against a cluster). Targets are services in NAMESPACE with pods labelled
// `app=<name>`. Disruptor calls block the VU for the fault's duration; disruptors are created
// inside the call, as the extension's docs require (the constructor uses the VU context).
import { PodDisruptor, ServiceDisruptor } from "k6/x/disruptor";
import { loadConfig } from "../config.ts";
import type { FaultBackend } from "./model.ts";
import { httpFaultCall, networkFaultCall, notSupported, podFaultCall, type K8sCall } from "./k8s-calls.ts";

function execute(call: K8sCall): void {
  const ref = call.disruptor;
  if (call.method === "injectNetworkFaults") {
    // Only PodDisruptor has network faults; plans always pair them (see k8s-calls.ts).
    if (ref.type !== "pod") throw new Error("network faults need a PodDisruptor");
    new PodDisruptor(ref.selector).injectNetworkFaults(...call.args);
    return;
  }
  const disruptor = ref.type === "service" ? new ServiceDisruptor(ref.service, ref.namespace) : new PodDisruptor(ref.selector);
  if (call.method === "injectHTTPFaults") disruptor.injectHTTPFaults(...call.args);
  else disruptor.terminatePods(...call.args);
}

/** The Kubernetes fault backend. */
export const backend: FaultBackend = {
  name: "k8s",
  async injectHttpFault(target, fault, durationMs) {
    execute(httpFaultCall(loadConfig().namespace, target, fault, durationMs));
  },
  async terminatePods(target, fault) {
    execute(podFaultCall(loadConfig().namespace, target, fault));
  },
  async injectNetworkFault(target, fault, durationMs) {
    execute(networkFaultCall(loadConfig().namespace, target, fault, durationMs));
  },
  async injectStress() {
    throw notSupported("resource stress");
  },
  // Disruptor faults end on their own when their duration passes; there is nothing to reset.
  async reset() {},
};
