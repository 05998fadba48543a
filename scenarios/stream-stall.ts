// stream-stall: provider-a's streams go silent mid-way: a tenth of its streamed answers stall for
// 6 s after their second event, longer than the service's stream idle timeout (a stream `stall`
// fault at the provider, so it holds whatever the service forwards). The tokens sent cannot be
// taken back, so the contract asks that a stalled stream end with an in-band error event within
// the idle timeout + 1 s of its first byte (`stalledStreamEndMs`), never a stall waited out or a
// hang. The stall harms only the streams it hits: every request is answered (masked budget), time
// to first token keeps its SLO while provider-a stalls, and the stalled streams, errors the client
// saw begin, fit the general error budget.
// @category dependency-chaos
import { chat } from "../lib/ai-service/client.ts";
import { streamFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { stalledStreamsEnd } from "../thresholds/llm-failures.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";
import { llmLatency } from "../thresholds/steady-state.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "stream-stall",
  // A tenth of the streams: ~100 stalls in a smoke run, ~7 % of the requests of the `during` phase.
  faults: [[streamFault(primary, { action: "stall", afterChunks: 2, stallFor: "6s", probability: 0.1 })]],
  thresholds: compose(maskedFaultCriteria(slo, faultRun), llmLatency(slo, { phases: ["during"] }), stalledStreamsEnd(slo)),
});

// Every request streams 32 tokens: ~0.2 s from first byte to end at the reference providers (a
// real model at 50 ms a token, 1.6 s), well inside stalledStreamEndMs unless it stalls.
export async function load(): Promise<void> {
  await chat({ stream: true, promptTokens: 64, maxTokens: 32 });
}
