// all-providers-down: both providers go down for the whole fault window, each its own way: the
// primary answers 503 to everything, the secondary does not answer at all (its packets dropped).
// Each condition holds longer than the service's deadline (8 s at smoke, deadline SLO 7 s), so
// every retry chain ends inside it and its answer is judged. Nothing can be served, so what counts
// is how the service says so: well-formed 502/503/504 answers with Retry-After on the 503s, the
// typical one at once (open breakers answer 503 instead of waiting), none later than the
// service's deadline, and full service again after recovery.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault, networkFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, secondary, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { answersWithinDeadline, fastFailure } from "../thresholds/degradation.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";


export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "all-providers-down",
  // One track per provider, so that both outages hold at once on Kubernetes too (disruptor calls block).
  faults: [[httpFault(primary, { errorRate: 1, errorCode: 503 })], [networkFault(secondary, { action: "drop" })]],
  thresholds: compose(
    // Every request in the window may fail; how it fails is the criterion.
    faultCriteria(slo, { ...faultRun, maxErrorRate: null }),
    fastFailure(slo, undefined, { typical: true }),
    answersWithinDeadline(slo),
  ),
});

export async function load(): Promise<void> {
  await userTurn();
}
