// all-providers-down: both providers go down, first answering 503 to everything (2 s), then not
// answering at all (their packets dropped, the rest of the fault window). Nothing can be served,
// so what counts is how the service says so: well-formed 502/503/504 answers, the typical one at
// once (open breakers answer 503 with Retry-After instead of waiting), none later than the
// service's deadline, and full service again after recovery.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { httpFault, networkFault, type Track } from "../lib/faults/tracks.ts";
import type { Target } from "../lib/faults/model.ts";
import { faultRun, primary, profile, scenario, secondary, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { answersWithinDeadline, fastFailure } from "../thresholds/degradation.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

// ms of 503s before the drop: 2 s, or a quarter of a fault window shortened by FAULT_DURATION,
// never under the 1 s a fault must last.
const refusing = Math.max(1_000, Math.min(2_000, profile.fault / 4));
const goDown = (target: Target): Track => [httpFault(target, { errorRate: 1, errorCode: 503 }, refusing), networkFault(target, { action: "drop" })];

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "all-providers-down",
  // One track per provider, so that both outages hold at once on Kubernetes too (disruptor calls block).
  faults: [goDown(primary), goDown(secondary)],
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
