// provider-errors: provider-a answers half of its requests with an error, 503s first and then
// 429s (a rate-limit storm). Retries and the fallback to provider-b exist to hide exactly this:
// clients barely notice (masked error budget), answers keep their latency SLO, nothing hangs,
// every error that does get through is a contract answer, and the service is healthy after.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectHttpFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

// Half the window each: a 5xx outage, then rate limiting with its own Retry-After.
const half = profile.fault / 2;

export const options = buildOptions({
  name: "provider-errors",
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await injectHttpFault("provider-a", { errorRate: 0.5, errorCode: 503 }, half);
  await injectHttpFault("provider-a", { errorRate: 0.5, errorCode: 429 }, half);
  await recover();
}
