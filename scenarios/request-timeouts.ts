// request-timeouts: during the fault window every streamed generation on both providers is slower
// than the service's deadline: the fault controller holds each of their SSE events 10 s (a stream
// `drip` fault), so the first token comes after 10 s, beyond the reference gateway's 6 s deadline,
// whatever the service asks for or forwards. Those requests must end in a well-formed timeout
// answer (504/408, or 503 once a breaker opens) within the deadline, never a hang, and the service
// keeps its SLO before and after the window. (Non-streamed answers are not slowed, but a breaker
// opened by the slow streams may refuse them for a while: that is allowed, well formed.)
// @category service-resilience
import { userTurn } from "../lib/ai-service/client.ts";
import { streamFault, type Track } from "../lib/faults/tracks.ts";
import type { Target } from "../lib/faults/model.ts";
import { faultRun, primary, scenario, secondary, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { answersWithinDeadline } from "../thresholds/degradation.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

const slowGenerations = (target: Target): Track => [streamFault(target, { action: "drip", delay: "10s" })];

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "request-timeouts",
  // One track per provider, so that a failover meets the same slowness.
  faults: [slowGenerations(primary), slowGenerations(secondary)],
  thresholds: compose(
    // Every stream in the window may fail: how it fails (in time, well formed) is the criterion.
    faultCriteria(slo, { ...faultRun, maxErrorRate: null }),
    answersWithinDeadline(slo),
  ),
});

export async function load(): Promise<void> {
  await userTurn();
}
