// provider-outage: provider-a becomes unreachable (its packets are dropped) for the whole fault
// window. Every answer must come from provider-b: the fallback hides the outage (masked error
// budget), and the circuit breaker stops requests from waiting on the dead provider, so answers
// stay within the degraded latency SLO instead of each paying provider-a's attempt timeouts.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { networkFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "provider-outage",
  // `drop` is the network fault xk6-disruptor has too, so this runs unchanged on Kubernetes.
  faults: [[networkFault(primary, { action: "drop" })]],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}
