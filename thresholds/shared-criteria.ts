// The criteria sets scenarios share, composed once so that a scenario names only what is
// particular to it. faultCriteria: steady state before and after, a bounded error rate during the
// fault, contract errors, whole streams, no hangs, recovery, a live service, an open model that
// kept up, and safety aborts once the fault had its chance. maskedFaultCriteria: a fault the
// service exists to hide. overloadCriteria: a service pushed past its capacity. steadyCriteria:
// a run with no injected fault, where the load itself is the test.
import { WORKLOAD_KINDS, type Kind } from "../contracts/names.ts";
import { compose, type Criteria } from "./criteria.ts";
import { answersWithinDeadline, boundedDegradation, fastFailure, maskedErrors, noHangs, saturationReached, streamIntegrity, wellFormedErrors } from "./degradation.ts";
import { loadIntegrity, recovery, safetyAborts, serviceAlive } from "./recovery.ts";
import type { Slo } from "./slo.ts";
import { answerLatency, degradedLatency, llmLatency, steadyState } from "./steady-state.ts";

/** What faultCriteria needs from the run. */
export interface FaultRun {
  /** The run's REQUEST_TIMEOUT in ms (noHangs must sit below it). */
  requestTimeoutMs: number;
  /** Aborts are judged from here on (a k6 duration, e.g. warm-up + fault). */
  delayAbortEval: string;
  /** `ai_req_failed{phase:during}` limit (default errorBudgetDuring); `null` when every request may fail. */
  maxErrorRate?: number | null;
  /**
   * The fault kills the service's own processes: requests they held are cut with no answer, and
   * streams mid-body with no in-band error, so well-formedness and stream integrity are judged
   * before and after the fault, and the cuts count against the error budget.
   */
  cutsInFlight?: boolean;
}

/** The shared criteria of a scenario that injects a fault and expects the service to recover. */
export function faultCriteria(slo: Slo, run: FaultRun): Criteria {
  const during = run.maxErrorRate === null ? [] : boundedDegradation(slo, run.maxErrorRate === undefined ? {} : { maxErrorRate: run.maxErrorRate });
  const outside = run.cutsInFlight ? { phases: ["before", "after"] as const } : {};
  return compose(
    steadyState(slo),
    llmLatency(slo),
    during,
    wellFormedErrors(slo, outside),
    streamIntegrity(slo, outside),
    noHangs(slo, run.requestTimeoutMs),
    recovery(slo),
    serviceAlive(slo),
    loadIntegrity(slo),
    safetyAborts(slo, run.delayAbortEval),
  );
}

/** What a masked fault adds to the shared criteria. */
export interface MaskedFault {
  /** Every answer within `deadlineMs`, success or timeout (faults that make providers slow or silent). */
  withinDeadline?: boolean;
}

/**
 * A fault retries, fallback and the breaker exist to hide: faultCriteria (all failures during the
 * fault within errorBudgetDuring, mid-stream cuts included), maskedErrors (failures before the
 * answer started within maskedErrorRate), the typical answer keeping its latency, and for a fault
 * on a provider's link (slow, silent, resetting) the deadline: only a bounded answer time shows
 * that each attempt gave up in time.
 */
export function maskedFaultCriteria(slo: Slo, run: FaultRun, opts: MaskedFault = {}): Criteria {
  return compose(faultCriteria(slo, run), maskedErrors(slo), degradedLatency(slo), opts.withinDeadline ? answersWithinDeadline(slo) : []);
}

/** The workload kinds an overload sheds: ordinary turns and the surge's long streams. */
const SHED_KINDS: readonly Kind[] = ["chat", "chat_stream", "long_stream"];

/** What an overload scenario adds to the shared criteria. */
export interface Overload {
  /** At least one 429: the surge alone is the fault, so a run that never reached capacity proves nothing. */
  mustSaturate?: boolean;
}

/**
 * A service pushed past its capacity sheds, failing requests on purpose, so no error budget
 * applies during the fault: how requests fail (at once, well formed, for every shed kind) and
 * how the admitted ones fare (latency and TTFT SLO) is judged, and no long stream hangs.
 */
export function overloadCriteria(slo: Slo, run: FaultRun, opts: Overload = {}): Criteria {
  return compose(
    faultCriteria(slo, { ...run, maxErrorRate: null }),
    opts.mustSaturate ? saturationReached() : [],
    fastFailure(slo, SHED_KINDS),
    answerLatency(slo, { phases: ["during"] }),
    llmLatency(slo, { phases: ["during"] }),
    noHangs(slo, run.requestTimeoutMs, ["long_stream"]),
  );
}

/**
 * A run that injects no fault (the baseline, or a load that carries its own trouble: malformed
 * or over-deadline requests): the normal SLO in every phase, since `during` is steady state too,
 * contract errors, whole streams, no hang of any of `kinds`, a live service, an open model that
 * kept up.
 */
export function steadyCriteria(slo: Slo, requestTimeoutMs: number, kinds: readonly Kind[] = WORKLOAD_KINDS): Criteria {
  const everyPhase = { phases: ["before", "during", "after"] } as const;
  return compose(
    steadyState(slo, everyPhase),
    llmLatency(slo, everyPhase),
    wellFormedErrors(slo),
    streamIntegrity(slo),
    noHangs(slo, requestTimeoutMs, kinds),
    serviceAlive(slo),
    loadIntegrity(slo),
  );
}
