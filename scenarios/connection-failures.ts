// connection-failures: provider-a's link resets half of its requests' connections, then drops everything.
// Transport errors are the most common provider failure: retries absorb the resets, the
// fallback and the breaker absorb the drop, so clients see no errors, typical answers keep
// their latency, and no request outlives the service's deadline.
// @category network-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { networkFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "connection-failures",
  // Resets for the first half of the window, the drop for the rest.
  faults: [[networkFault(primary, { action: "reset", probability: 0.5 }, profile.fault / 2), networkFault(primary, { action: "drop" })]],
  thresholds: maskedFaultCriteria(slo, faultRun, { withinDeadline: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}
