// baseline: steady, mixed streaming and non-streaming chat load with no fault injected. The SLO
// reference every chaos scenario is read against: the service meets its normal SLO in every
// phase, streams end properly, nothing hangs, and the service stays alive throughout.
// @category baseline
import { userTurn } from "../lib/ai-service/client.ts";
import { buildOptions, config, slo } from "../lib/scenario-kit.ts";
import { compose, llmLatency, loadIntegrity, noHangs, serviceAlive, steadyState, streamIntegrity, wellFormedErrors } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

// With no fault, `during` is steady state too: all three phases are judged alike.
const everyPhase = { phases: ["before", "during", "after"] } as const;

export const options = buildOptions({
  name: "baseline",
  disrupt: [],
  thresholds: compose(
    steadyState(slo, everyPhase),
    llmLatency(slo, everyPhase),
    wellFormedErrors(slo),
    streamIntegrity(slo),
    noHangs(slo, config.requestTimeoutMs),
    serviceAlive(slo),
    loadIntegrity(slo),
  ),
});

export async function load(): Promise<void> {
  await userTurn();
}
