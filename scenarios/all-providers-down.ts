// all-providers-down: both providers go down, first answering 503 to everything (2 s), then not
// answering at all (their packets dropped, the rest of the fault window). Nothing can be served,
// so what counts is how the service says so: well-formed 502/503/504 answers, the typical one at
// once (open breakers answer 503 with Retry-After instead of waiting), none later than the
// service's deadline, and full service again after recovery.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectHttpFault, injectNetworkFault, type Target } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { answersWithinDeadline, compose, fastFailure, faultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

// ms of 503s before the drop: 2 s, or a quarter of a fault window shortened by FAULT_DURATION.
const refusing = Math.min(2_000, profile.fault / 4);

export const options = buildOptions({
  name: "all-providers-down",
  disrupt: ["disrupt", "disruptFallback"],
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

async function goDown(target: Target): Promise<void> {
  await injectHttpFault(target, { errorRate: 1, errorCode: 503 }, refusing);
  await injectNetworkFault(target, { action: "drop" }, profile.fault - refusing);
}

export async function disrupt(): Promise<void> {
  await goDown("provider-a");
  await recover();
}

// A second scenario so that both outages hold at once on Kubernetes too (disruptor calls block).
export async function disruptFallback(): Promise<void> {
  await goDown("provider-b");
}
