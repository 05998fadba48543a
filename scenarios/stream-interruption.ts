// stream-interruption: provider-a's link resets a quarter of its answers once 1 KB of them has
// passed, which cuts streams after their first tokens, when the gateway can no longer fail over.
// The contract then asks for an in-band error event ending the stream, never a silent cut: every
// 200 stream ends with [DONE] or an error event, and every failure is a contract answer.
// @category dependency-chaos
import { chat } from "../lib/ai-service/client.ts";
import { networkFault } from "../lib/faults/tracks.ts";
import { faultRun, scenario, slo } from "../lib/scenario-kit.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "stream-interruption",
  faults: [[networkFault("provider-a", { action: "reset", probability: 0.25, afterBytes: 1_024 })]],
  // A cut stream cannot be retried once tokens reached the client: a quarter of the streams on
  // provider-a end in an in-band error (~17 % of the `during` phase), and that is the right answer.
  thresholds: faultCriteria(slo, { ...faultRun, maxErrorRate: 0.5 }),
});

// Every request streams 64 tokens (~10 KB of SSE), so a cut lands mid-stream.
export async function load(): Promise<void> {
  await chat({ stream: true, promptTokens: 64, maxTokens: 64 });
}
