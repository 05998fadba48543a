// stream-interruption: provider-a's link resets a quarter of its answers once 1 KB of them has
// passed, which cuts streams after their first tokens, when the gateway can no longer fail over.
// The contract then asks for an in-band error event ending the stream, never a silent cut: every
// 200 stream ends with [DONE] or an error event, and every failure is a contract answer.
// @category dependency-chaos
import { chat } from "../lib/ai-service/client.ts";
import { injectNetworkFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { compose, faultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "stream-interruption",
  // A cut stream cannot be retried once tokens reached the client: a quarter of the streams on
  // provider-a end in an in-band error (~17 % of the `during` phase), and that is the right answer.
  thresholds: compose(faultCriteria(slo, { ...faultRun, maxErrorRate: 0.5 })),
});

// Every request streams 64 tokens (~10 KB of SSE), so a cut lands mid-stream.
export async function load(): Promise<void> {
  await chat({ stream: true, promptTokens: 64, maxTokens: 64 });
}

export async function disrupt(): Promise<void> {
  await injectNetworkFault("provider-a", { action: "reset", probability: 0.25, afterBytes: 1_024 }, profile.fault);
  await recover();
}
