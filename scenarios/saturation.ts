// saturation: over the fault window a surge of long streams (~6 s each) is ramped until it would
// hold twice what the service holds in flight (CAPACITY_INFLIGHT, all pods). A service that
// sheds answers the excess at once with a well-formed 429 + Retry-After, keeps its latency SLO
// for the requests it admits (no queue builds up), and is back to steady state after the surge.
// @category resource-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { wait } from "../lib/faults/tracks.ts";
import { config, faultRun, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { surgeScenario, surgeStream } from "../lib/surge.ts";
import { overloadCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "saturation",
  more: { surge: surgeScenario(config, profile) },
  // No injected fault: the surge is the fault. After it, the service must serve again.
  faults: [[wait("ai-service")]],
  thresholds: overloadCriteria(slo, faultRun, { mustSaturate: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}

export const surge = surgeStream;
