// partial-provider-failure: provider-a turns slow (800 ± 400 ms added) and fails half of its
// requests with 503, while provider-b stays healthy. A degraded primary is the common case, not
// a clean outage: retries and fallback must still hide it, answers stay within the degraded
// latency SLO, and the service is back to its steady state afterwards.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "partial-provider-failure",
  // The delay stays under the gateway's 2 s attempt timeout: slow, not dead.
  faults: [[httpFault(primary, { averageDelay: "800ms", delayVariation: "400ms", errorRate: 0.5, errorCode: 503 })]],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}
