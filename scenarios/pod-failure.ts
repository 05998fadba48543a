// pod-failure: half of the ai-service pods are killed (SIGKILL) under load. Requests those pods
// held are cut with no answer possible, so they count against the error budget of the fault
// window instead of the well-formed-errors criterion; everything else is served
// by the surviving pods, the service never stops answering its health probe, and it is whole
// again (every desired pod ready, /readyz 200) within the recovery SLO.
// @category pod-failure
import { userTurn } from "../lib/ai-service/client.ts";
import { terminatePods } from "../lib/faults/index.ts";
import { awaitDisruption } from "../lib/probes.ts";
import { buildOptions, faultRun, recover, slo } from "../lib/scenario-kit.ts";
import { compose, faultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "pod-failure",
  thresholds: compose(faultCriteria(slo, { ...faultRun, cutsInFlight: true })),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await terminatePods("ai-service", { count: "50%", timeout: "10s" });
  // Recovery is measured once readiness shows the loss (at most 2 s), then includes /readyz,
  // which answers 503 until every desired pod runs.
  await awaitDisruption(2_000);
  await recover();
}
