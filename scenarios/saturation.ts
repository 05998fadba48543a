// saturation: over the fault window a surge of long streams (~6 s each) is ramped until it would
// hold twice what the service holds in flight (CAPACITY_INFLIGHT, all pods). A service that
// sheds answers the excess at once with a well-formed 429 + Retry-After, keeps its latency SLO
// for the requests it admits (no queue builds up), and is back to steady state after the surge.
// @category resource-chaos
import { config, faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { slowStreams, surgeScenario, surgeStream, turnBesideSurge } from "../lib/surge.ts";
import { overloadCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "saturation",
  more: { surge: surgeScenario(config, profile) },
  // The surge is the fault; the provider's slow streams make it hold its slots. After it, the service must serve again.
  faults: [slowStreams(primary)],
  thresholds: overloadCriteria(slo, faultRun, { mustSaturate: true }),
});

export async function load(): Promise<void> {
  await turnBesideSurge();
}

export const surge = surgeStream;
