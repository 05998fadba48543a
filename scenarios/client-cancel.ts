// client-cancel: clients leave mid-stream. One turn in four is an impatient stream (64 tokens
// asked) whose client gives up after 1 s (a k6 request timeout is how a k6 client leaves); during
// the fault window provider-a generates slowly, one SSE event per 150 ms (a stream `drip` at the
// provider), so those streams would run ~10 s and every impatient client leaves after its first
// tokens. The contract: when the client goes away the service cancels its upstream request within
// 1 s, so the provider stops generating. Proof at provider-a's link, whose open answers the
// upstream sampler reads every 250 ms (`ai_upstream_open`): by Little's law the impatient streams
// hold at most 30/s × (1 s patience + 1 s to cancel) = 60 open, and the other turns (not streamed,
// 8 tokens: ~85 ms at the reference provider, 0.5 s allowed) 90/s × 0.5 s = 45, at smoke's 120
// requests/s; a service that reads on for nobody holds each for ~10 s, ~240 by the window's end.
// Local backend only: the links count open answers (the stream fault is refused on Kubernetes).
// @category service-resilience
import { abandonedStream, chat } from "../lib/ai-service/client.ts";
import { streamFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
import { compose } from "../thresholds/criteria.ts";
import { orphanedGenerations } from "../thresholds/llm-failures.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

const IMPATIENT_EVERY = 4;
const PATIENCE_MS = 1_000;
const OTHERS_MS = 500;

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "client-cancel",
  faults: [[streamFault(primary, { action: "drip", delay: "150ms" })]],
  thresholds: compose(
    faultCriteria(slo, faultRun),
    orphanedGenerations(primary, {
      leavingPerSecond: profile.rate / IMPATIENT_EVERY, patienceMs: PATIENCE_MS,
      othersPerSecond: profile.rate - profile.rate / IMPATIENT_EVERY, othersMs: OTHERS_MS,
    }),
  ),
});

export async function load(): Promise<void> {
  if (iterationSeed() % IMPATIENT_EVERY === 0) await abandonedStream(PATIENCE_MS, { promptTokens: 16, maxTokens: 64 });
  else await chat({ stream: false, promptTokens: 64, maxTokens: 8 });
}
