// concurrent-failures: several faults at once across targets. provider-a fails 30% of its
// requests (503) while provider-b fails 30% (502) and slows down by 300 ± 100 ms. Fallback alone
// would let 9% of requests fail (0.3 × 0.3); retries on both providers inside the deadline keep
// the errors clients see within the masked budget. Nothing hangs; recovery is complete.
// @category service-resilience
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault } from "../lib/faults/tracks.ts";
import { faultRun, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "concurrent-failures",
  // One track per fault so that they hold at once on Kubernetes too (disruptor calls block).
  faults: [
    [httpFault("provider-a", { errorRate: 0.3, errorCode: 503 })],
    [httpFault("provider-b", { errorRate: 0.3, errorCode: 502, averageDelay: "300ms", delayVariation: "100ms" })],
  ],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}
