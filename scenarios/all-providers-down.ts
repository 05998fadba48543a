// all-providers-down: both providers stop answering (their packets are dropped) for the fault
// window. Nothing can be served, so what counts is how the service says so: well-formed
// 502/503/504 answers, most of them at once (open breakers answer 503 with Retry-After instead
// of waiting), none later than the service's deadline, and full service again after recovery.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectNetworkFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { answersWithinDeadline, compose, fastFailure, faultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";
export const category = "dependency-chaos";

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

export async function disrupt(): Promise<void> {
  await injectNetworkFault("provider-a", { action: "drop" }, profile.fault);
  await recover();
}

// A second scenario so that both faults hold at once on Kubernetes too (disruptor calls block).
export async function disruptFallback(): Promise<void> {
  await injectNetworkFault("provider-b", { action: "drop" }, profile.fault);
}
