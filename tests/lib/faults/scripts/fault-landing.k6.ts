// Run by fault-landing.test.ts in the Node runner: one VU runs two held fault steps through the
// local backend against a fake fault controller, which says the first affected 3 requests and the
// second nothing. The thresholds are the ones scenario-kit gives every held fault.
import { runStep } from "../../../../lib/faults/index.ts";
import { httpFault, networkFault } from "../../../../lib/faults/tracks.ts";

export const options = {
  vus: 1,
  iterations: 1,
  thresholds: { "ai_fault_landed{fault:disrupt#1}": ["rate==1"], "ai_fault_landed{fault:disrupt-2#1}": ["rate==1"] },
};

export default async function (): Promise<void> {
  await runStep({ id: "disrupt#1", step: httpFault("provider-a", { errorRate: 1, errorCode: 503 }), startMs: 0, durationMs: 1_000 });
  await runStep({ id: "disrupt-2#1", step: networkFault("provider-b", { action: "drop" }), startMs: 0, durationMs: 1_000 });
}
