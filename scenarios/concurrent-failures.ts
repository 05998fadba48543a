// concurrent-failures: several faults at once across targets. provider-a fails 30% of its
// requests (503) while provider-b fails 30% (502) and slows down by 300 ± 100 ms. Fallback alone
// would let 9% of requests fail (0.3 × 0.3); retries on both providers inside the deadline keep
// the errors clients see within the masked budget. Nothing hangs; recovery is complete. A request
// reaches provider-b only once its three attempts on provider-a failed (0.3³, ~2.7 %): ~40 requests
// of the smoke profile's 1,440 in the fault window, so provider-b's fault always lands. At 50 % on
// provider-a the retries that hiding needs (~0.9 per request) outrun a retry budget, and a
// resilient gateway fails ~2.5 % before answering.
// @category service-resilience
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, secondary, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "concurrent-failures",
  // One track per fault so that they hold at once on Kubernetes too (disruptor calls block).
  faults: [
    [httpFault(primary, { errorRate: 0.3, errorCode: 503 })],
    [httpFault(secondary, { errorRate: 0.3, errorCode: 502, averageDelay: "300ms", delayVariation: "100ms" })],
  ],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}
