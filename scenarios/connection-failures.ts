// connection-failures: provider-a's link resets half of its requests' connections, then drops everything.
// Transport errors are the most common provider failure: retries absorb the resets, the
// fallback and the breaker absorb the drop, so clients see no errors, typical answers keep
// their latency, and no request outlives the service's deadline.
// @category network-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { injectNetworkFault } from "../lib/faults/index.ts";
import { buildOptions, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

const half = profile.fault / 2;

export const options = buildOptions({
  name: "connection-failures",
  thresholds: maskedFaultCriteria(slo, faultRun, { withinDeadline: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function disrupt(): Promise<void> {
  await injectNetworkFault("provider-a", { action: "reset", probability: 0.5 }, half);
  await injectNetworkFault("provider-a", { action: "drop" }, half);
  await recover();
}
