// baseline: steady, mixed streaming and non-streaming chat load with no fault injected, one turn
// in ten a long streamed answer (~3 s of tokens). The SLO reference every chaos scenario is read
// against: the service meets its normal SLO in every phase, the first token of a long answer
// comes as fast as any (a gateway that buffers streams fails here), streams end properly,
// nothing hangs, and the service stays alive throughout.
// @category baseline
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { config, scenario, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
import { steadyCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe } = scenario({
  name: "baseline",
  // With no fault, `during` is steady state too: all three phases are judged alike.
  thresholds: steadyCriteria(slo, config.requestTimeoutMs),
});

export async function load(): Promise<void> {
  // 60 tokens 50 ms apart: the mock headers pace the reference providers; a real model just answers long.
  if (iterationSeed() % 10 === 0) await chat({ kind: "long_stream", stream: true, promptTokens: 64, maxTokens: 60, mock: { itlMs: 50, outputTokens: 60 } });
  else await userTurn();
}
