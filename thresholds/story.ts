// The criteria most fault scenarios share, composed once so that a scenario names only what is
// particular to it: steady state before and after, a bounded error rate during the fault,
// contract errors, whole streams, no hangs, recovery, a live service, an open model that kept
// up, and safety aborts once the fault had its chance.
import { compose, type Thresholds } from "./compose.ts";
import { boundedDegradation, noHangs, streamIntegrity, wellFormedErrors } from "./degradation.ts";
import { recovery, serviceAlive } from "./recovery.ts";
import { loadIntegrity, safetyAborts } from "./safety.ts";
import type { Slo } from "./slo.ts";
import { llmLatency, steadyState } from "./steady-state.ts";

/** What faultCriteria needs from the run. */
export interface FaultRun {
  /** The run's REQUEST_TIMEOUT in ms (noHangs must sit below it). */
  requestTimeoutMs: number;
  /** Aborts are judged from here on (a k6 duration, e.g. warm-up + fault). */
  delayAbortEval: string;
  /** `ai_req_failed{phase:during}` limit (default errorBudgetDuring); `null` when every request may fail. */
  maxErrorRate?: number | null;
  /**
   * The fault kills the service's own processes: requests they held are cut with no answer, so
   * well-formedness is judged before and after the fault, and the cuts count against the error budget.
   */
  cutsInFlight?: boolean;
}

/** The shared criteria of a scenario that injects a fault and expects the service to recover. */
export function faultCriteria(slo: Slo, run: FaultRun): Thresholds {
  const during = run.maxErrorRate === null ? {} : boundedDegradation(slo, run.maxErrorRate === undefined ? {} : { maxErrorRate: run.maxErrorRate });
  return compose(
    steadyState(slo),
    llmLatency(slo),
    during,
    wellFormedErrors(slo, run.cutsInFlight ? { phases: ["before", "after"] } : {}),
    streamIntegrity(slo),
    noHangs(slo, run.requestTimeoutMs),
    recovery(slo),
    serviceAlive(slo),
    loadIntegrity(slo),
    safetyAborts(slo, run.delayAbortEval),
  );
}
