// The criteria of a fault the service exists to hide (retries, fallback, breaker): the shared
// fault criteria, the masked budget on failures before an answer started, and the typical answer
// keeping its latency. A fault on a provider's link (slow, silent, resetting) adds the deadline:
// only a bounded answer time shows that each attempt gave up in time.
import { compose, type Thresholds } from "./compose.ts";
import { answersWithinDeadline, maskedErrors } from "./degradation.ts";
import type { Slo } from "./slo.ts";
import { degradedLatency } from "./steady-state.ts";
import { faultCriteria, type FaultRun } from "./story.ts";

/** What a masked fault adds to the shared criteria. */
export interface MaskedFault {
  /** Every answer within `deadlineMs`, success or timeout (faults that make providers slow or silent). */
  withinDeadline?: boolean;
}

/**
 * faultCriteria (all failures during the fault within errorBudgetDuring, mid-stream cuts included),
 * maskedErrors (failures before the answer started within maskedErrorRate), degradedLatency, and
 * answersWithinDeadline when asked.
 */
export function maskedFaultCriteria(slo: Slo, run: FaultRun, opts: MaskedFault = {}): Thresholds {
  return compose(
    faultCriteria(slo, run),
    maskedErrors(slo),
    degradedLatency(slo),
    opts.withinDeadline ? answersWithinDeadline(slo) : {},
  );
}
