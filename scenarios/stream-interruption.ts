// stream-interruption: provider-a cuts a quarter of its streamed answers after their second
// event, which breaks streams after their first tokens, when the gateway can no longer fail over.
// The cut is made at the provider by the fault controller (a stream `cut` fault), so it lands
// mid-stream in any answer longer than two events, whatever the service asks for or forwards.
// The contract then asks for an in-band error event ending the stream, never a silent cut: every
// 200 stream ends with [DONE] or an error event, and every failure is a contract answer.
// @category dependency-chaos
import { chat } from "../lib/ai-service/client.ts";
import { streamFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "stream-interruption",
  faults: [[streamFault(primary, { action: "cut", afterChunks: 2, probability: 0.25 })]],
  // A cut stream cannot be retried once tokens reached the client: a quarter of the streams on
  // provider-a end in an in-band error (~17 % of the `during` phase), and that is the right answer.
  thresholds: faultCriteria(slo, { ...faultRun, maxErrorRate: 0.5 }),
});

// Every request streams (64 tokens asked), so each is a candidate for the cut.
export async function load(): Promise<void> {
  await chat({ stream: true, promptTokens: 64, maxTokens: 64 });
}
