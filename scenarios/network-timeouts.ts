// network-timeouts: provider-a's link turns into a blackhole (connections are accepted, nothing
// ever comes back). Only timeouts notice a silence: each attempt must give up in time, the
// request fail over to provider-b within the deadline, and the breaker must stop the typical
// request from waiting at all. Clients see no errors and no hangs.
// @category network-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectNetworkFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

export const options = buildOptions({
  name: "network-timeouts",
  thresholds: maskedFaultCriteria(slo, faultRun, { withinDeadline: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await injectNetworkFault("provider-a", { action: "blackhole" }, profile.fault);
  await recover();
}
