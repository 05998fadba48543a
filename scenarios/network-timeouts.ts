// network-timeouts: provider-a's link turns into a blackhole (connections are accepted, nothing
// ever comes back). Only timeouts notice a silence: each attempt must give up in time, the
// request fail over to provider-b within the deadline, and the breaker must stop the typical
// request from waiting at all. Clients see no errors and no hangs.
// @category network-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { networkFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "network-timeouts",
  faults: [[networkFault(primary, { action: "blackhole" })]],
  thresholds: maskedFaultCriteria(slo, faultRun, { withinDeadline: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}
