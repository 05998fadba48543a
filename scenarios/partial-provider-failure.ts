// partial-provider-failure: provider-a turns slow (800 ± 400 ms added) and fails half of its
// requests with 503, while provider-b stays healthy. A degraded primary is the common case, not
// a clean outage: retries and fallback must still hide it, answers stay within the degraded
// latency SLO, and the service is back to its steady state afterwards.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectHttpFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "partial-provider-failure",
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  // The delay stays under the gateway's 2 s attempt timeout: slow, not dead.
  await injectHttpFault("provider-a", { averageDelay: "800ms", delayVariation: "400ms", errorRate: 0.5, errorCode: 503 }, profile.fault);
  await recover();
}
