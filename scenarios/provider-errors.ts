// provider-errors: provider-a fails most of its requests: 503 to 90 % of them, then 429 to half
// (a rate-limit storm). Retries and the fallback to provider-b exist to hide exactly this:
// clients barely notice (masked error budget), answers keep their latency SLO, nothing hangs,
// every error that does get through is a contract answer, and the service is healthy after.
// At 90 % a retry storm shows too: ten immediate retries send ~3 attempts upstream per request
// (the amplification threshold), where a budgeted gateway stays near 1.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "provider-errors",
  // Half the window each: a 5xx outage, then rate limiting with its own Retry-After.
  faults: [[httpFault(primary, { errorRate: 0.9, errorCode: 503 }, profile.fault / 2), httpFault(primary, { errorRate: 0.5, errorCode: 429 })]],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}
