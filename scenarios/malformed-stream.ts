// malformed-stream: provider-a sends bytes that do not parse: for the first half of the fault
// window, before the first token (an SSE event that is not JSON right after the status line), then
// after the second event; in both halves its non-streamed answers come cut at half their JSON (a
// stream `malformed` fault at the provider, on 30 % of its answers). The client must never receive
// bytes it cannot parse: what breaks before the first token is retried or failed over (the masked
// budget), a stream broken after it ends with the contract's in-band error (the general budget).
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { streamFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { parseableAnswers } from "../thresholds/llm-failures.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "malformed-stream",
  faults: [[
    streamFault(primary, { action: "malformed", afterChunks: 0, probability: 0.3 }, profile.fault / 2),
    streamFault(primary, { action: "malformed", afterChunks: 2, probability: 0.3 }),
  ]],
  thresholds: compose(maskedFaultCriteria(slo, faultRun), parseableAnswers()),
});

export async function load(): Promise<void> {
  await userTurn();
}
