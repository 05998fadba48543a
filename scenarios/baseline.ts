// baseline: steady, mixed streaming and non-streaming chat load with no fault injected, one turn
// in ten a long streamed answer (~3 s of tokens). The SLO reference every chaos scenario is read
// against: the service meets its normal SLO in every phase, the first token of a long answer
// comes as fast as any (a gateway that buffers streams fails here), streams end properly,
// nothing hangs, and the service stays alive throughout.
// @category baseline
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { buildOptions, config, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
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
  // 60 tokens 50 ms apart: the mock headers pace the reference providers; a real model just answers long.
  if (iterationSeed() % 10 === 0) await chat({ kind: "long_stream", stream: true, promptTokens: 64, maxTokens: 60, mock: { itlMs: 50, outputTokens: 60 } });
  else await userTurn();
}
