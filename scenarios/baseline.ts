// baseline: steady, mixed streaming and non-streaming chat load, one turn in ten a long streamed
// answer (60 tokens). The SLO reference every chaos scenario is read against: the service meets
// its normal SLO in every phase, streams end properly and arrive intact, nothing hangs, and the
// service stays alive throughout. Its one condition: during the fault window the primary provider
// generates slowly, one SSE event per 50 ms (a stream `drip` fault at the provider, so it holds
// whatever the service forwards), which makes the long answers ~3 s streams: their first token
// must still come as fast as any (a gateway that buffers streams fails here).
// @category baseline
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { streamFault } from "../lib/faults/tracks.ts";
import { config, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
import { steadyCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "baseline",
  faults: [[streamFault(primary, { action: "drip", delay: "50ms" })]],
  // The drip is a slow model, not a failure: all three phases are judged alike.
  thresholds: steadyCriteria(slo, config.requestTimeoutMs),
});

export async function load(): Promise<void> {
  // The mock headers also pace the reference providers outside the window (an optimisation: the
  // drip makes the long answer slow whatever the service forwards; a real model just answers long).
  if (iterationSeed() % 10 === 0) await chat({ kind: "long_stream", stream: true, promptTokens: 64, maxTokens: 60, mock: { itlMs: 50, outputTokens: 60 } });
  else await userTurn();
}
