// pod-failure: half of the ai-service pods are killed (SIGKILL) under load. Requests those pods
// held are cut with no answer possible (streams mid-body, with no in-band error), so they count
// against the error budget of the fault window instead of the well-formed-errors and stream
// criteria; everything else is served by the surviving pods, the service never stops answering
// its health probe, and it is whole again (every desired pod ready, /readyz 200) within the
// recovery SLO.
// @category pod-failure
import { userTurn } from "../lib/ai-service/client.ts";
import { podTermination } from "../lib/faults/tracks.ts";
import { faultRun, scenario, slo } from "../lib/scenario-kit.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "pod-failure",
  // Recovery is measured once readiness shows the loss (at most 2 s), then includes /readyz,
  // which answers 503 until every desired pod runs.
  faults: [[podTermination("ai-service", { count: "50%", timeout: "10s" })]],
  thresholds: faultCriteria(slo, { ...faultRun, cutsInFlight: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}
