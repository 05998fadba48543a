// provider-outage: provider-a becomes unreachable (its packets are dropped) for the whole fault
// window. Every answer must come from provider-b: the fallback hides the outage (masked error
// budget), and the circuit breaker stops requests from waiting on the dead provider, so answers
// stay within the degraded latency SLO instead of each paying provider-a's attempt timeouts.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectNetworkFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "provider-outage",
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  // `drop` is the network fault xk6-disruptor has too, so this runs unchanged on Kubernetes.
  await injectNetworkFault("provider-a", { action: "drop" }, profile.fault);
  await recover();
}
