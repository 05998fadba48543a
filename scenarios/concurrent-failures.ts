// concurrent-failures: several faults at once across targets. provider-a fails 30% of its
// requests (503) while provider-b fails 30% (502) and slows down by 300 ± 100 ms. Fallback alone
// would let 9% of requests fail (0.3 × 0.3); retries on both providers inside the deadline keep
// the errors clients see within the masked budget. Nothing hangs; recovery is complete.
// @category service-resilience
import { userTurn } from "../lib/ai-service/client.ts";
import { injectHttpFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "concurrent-failures",
  disrupt: ["disrupt", "disruptFallback"],
  thresholds: maskedFaultCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await injectHttpFault("provider-a", { errorRate: 0.3, errorCode: 503 }, profile.fault);
  await recover();
}

// One scenario per fault so that they hold at once on Kubernetes too (disruptor calls block).
export async function disruptFallback(): Promise<void> {
  await injectHttpFault("provider-b", { errorRate: 0.3, errorCode: 502, averageDelay: "300ms", delayVariation: "100ms" }, profile.fault);
}
