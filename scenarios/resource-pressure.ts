// resource-pressure: CPU (one core at 90%) and memory (512 MB held) stress on ai-service's
// machine while the load goes on. A pressed service may get slower, but it must stay within
// its SLO for the typical answer, keep errors within budget, answer every request within its
// deadline, stay alive, and be back to steady state once the pressure is gone.
// @category resource-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectStress } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { answersWithinDeadline, compose, degradedLatency, faultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "resource-pressure",
  thresholds: compose(faultCriteria(slo, faultRun), degradedLatency(slo), answersWithinDeadline(slo)),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await injectStress("ai-service", { cpuLoad: 90, cpus: 1, memory: "512MB" }, profile.fault);
  await recover();
}
