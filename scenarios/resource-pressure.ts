// resource-pressure: the machine running ai-service is pressed on every resource at once: one
// CPU busy at 90%, 512 MB of memory held, and a surge of concurrent long streams that would hold
// 1.5× what the service holds in flight. A pressed service must protect what it admits: the
// excess is shed at once (well-formed 429), admitted requests keep their latency SLO, nothing
// hangs, the service stays alive, and it is back to steady state once the pressure is gone.
// @category resource-chaos
import { stressFault } from "../lib/faults/tracks.ts";
import { config, faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { slowStreams, surgeScenario, surgeStream, turnBesideSurge } from "../lib/surge.ts";
import { overloadCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "resource-pressure",
  more: { surge: surgeScenario(config, profile, 1.5) },
  // The stress on one track, the provider's slow streams (which make the surge hold its slots) on another.
  faults: [[stressFault("ai-service", { cpuLoad: 90, cpus: 1, memory: "512MB" })], slowStreams(primary)],
  thresholds: overloadCriteria(slo, faultRun),
});

export async function load(): Promise<void> {
  await turnBesideSurge();
}

export const surge = surgeStream;
