// slow-network: provider-a's link gets 2.5 s ± 1 s of latency and a 2 KB/s bandwidth cap, so
// its answers arrive after the gateway's attempt timeout or trickle in. The service must notice
// slowness, not only silence: route around provider-a (masked error budget), keep the typical
// answer fast (degraded latency median), and answer every request within its deadline.
// @category network-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { networkFault } from "../lib/faults/tracks.ts";
import { faultRun, primary, scenario, slo } from "../lib/scenario-kit.ts";
import { maskedFaultCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "slow-network",
  faults: [
    [networkFault(primary, { action: "latency", latency: "2500ms", jitter: "1s" })],
    // 2 KB/s: a 32-token stream (~5 KB of SSE) takes seconds to trickle through.
    [networkFault(primary, { action: "bandwidth", rate: 2_048 })],
  ],
  thresholds: maskedFaultCriteria(slo, faultRun, { withinDeadline: true }),
});

export async function load(): Promise<void> {
  await userTurn();
}
