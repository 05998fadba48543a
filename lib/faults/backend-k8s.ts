// The k8s backend: faults through xk6-disruptor (`k6/x/disruptor`, a k6 binary built with the
// extension, run against a cluster). Targets are services in NAMESPACE with pods labelled
// `app=<name>`. Disruptor calls block the VU for the fault's duration; disruptors are created
// inside the call, as the extension's docs require (the constructor uses the VU context).
// xk6-disruptor counts nothing a fault affected nor any upstream traffic, so no `ai_fault_landed`
// and no retry amplification is recorded here.
import { PodDisruptor, ServiceDisruptor, type PodSelector } from "k6/x/disruptor";
import { loadConfig } from "../config.ts";
import type { FaultBackend } from "./model.ts";
import { checkSupported, httpFaultCall, networkFaultCall, podFaultCall, warmUpCall, type K8sCall } from "./k8s-calls.ts";

// PodDisruptor.injectNetworkFaults arrived in xk6-disruptor v0.3.16 (grafana/xk6-disruptor#513,
// pkg/api/api.go); an older extension has no such method, which would fail mid-run as "not a function".
type NetworkDisruptor = PodDisruptor & Required<Pick<PodDisruptor, "injectNetworkFaults">>;

function networkDisruptor(selector: PodSelector): NetworkDisruptor {
  const disruptor = new PodDisruptor(selector);
  if (typeof disruptor.injectNetworkFaults !== "function") {
    throw new Error("network faults need xk6-disruptor v0.3.16 or later (PodDisruptor.injectNetworkFaults); this k6 binary's extension is older: use its v0.3.17 release binary (deploy/README.md)");
  }
  return disruptor as NetworkDisruptor;
}

function execute(call: K8sCall): void {
  const ref = call.disruptor;
  if (call.method === "injectNetworkFaults") {
    // Only PodDisruptor has network faults; plans always pair them (see k8s-calls.ts).
    if (ref.type !== "pod") throw new Error("network faults need a PodDisruptor");
    networkDisruptor(ref.selector).injectNetworkFaults(...call.args);
    return;
  }
  const disruptor = ref.type === "service" ? new ServiceDisruptor(ref.service, ref.namespace) : new PodDisruptor(ref.selector);
  if (call.method === "injectHTTPFaults") disruptor.injectHTTPFaults(...call.args);
  else disruptor.terminatePods(...call.args);
}

/** The Kubernetes fault backend. */
export const backend: FaultBackend = {
  name: "k8s",
  countsAffected: false,
  countsTraffic: false,
  async readTraffic() {
    throw new Error("xk6-disruptor counts no upstream traffic: retry amplification needs the local fault controller's links");
  },
  async prepare(steps) {
    const { namespace } = loadConfig();
    for (const step of steps) checkSupported(step);
    const network = steps.find((s) => s.kind === "network");
    if (network) networkDisruptor({ namespace, select: { labels: { app: network.target } } });
    // Pod termination needs no agent; HTTP and network faults do (one per pod, whichever disruptor).
    const targets = [...new Set(steps.filter((s) => s.kind === "http" || s.kind === "network").map((s) => s.target))];
    for (const target of targets) {
      console.log(`injecting the xk6-disruptor agent into the pods of ${target} (a 1s pass-through HTTP fault) before the timeline starts`);
      execute(warmUpCall(namespace, target));
    }
  },
  async injectHttpFault(target, fault, durationMs) {
    execute(httpFaultCall(loadConfig().namespace, target, fault, durationMs));
    return undefined;
  },
  async terminatePods(target, fault) {
    execute(podFaultCall(loadConfig().namespace, target, fault));
  },
  async injectNetworkFault(target, fault, durationMs) {
    execute(networkFaultCall(loadConfig().namespace, target, fault, durationMs));
    return undefined;
  },
  async injectStreamFault(target, fault) {
    checkSupported({ kind: "stream", target, spec: fault });
    return undefined;
  },
  async injectStress(target, fault) {
    checkSupported({ kind: "stress", target, spec: fault });
    return undefined;
  },
  // Disruptor faults end on their own when their duration passes; there is nothing to reset.
  async reset() {},
};
