// Recovery and survival: the service comes back within the SLO after the fault and never crashes
// (health probes answer during the run and once more at teardown). And the run's own rails: it
// stops early (`abortOnFail`, exit 99) when the blast radius is too big instead of hammering a
// dead service, the load generator kept up (an open model that drops iterations no longer
// measures what it claims), and every fault landed (one that acted on nothing proves nothing).
import { METRIC } from "../contracts/names.ts";
import { fixed, sloBound, submetric, type Criteria } from "./criteria.ts";
import type { Slo } from "./slo.ts";

/** Recovered within recoverySecondsMax, and at least once (an empty Trend would pass silently). */
export function recovery(slo: Slo): Criteria {
  return [sloBound(METRIC.recoverySeconds, "max<=", slo, "recoverySecondsMax"), fixed(METRIC.recoveries, "count>=1")];
}

/** Liveness probes answer (rate >= serviceAliveRate) and the final teardown probe answers. */
export function serviceAlive(slo: Slo): Criteria {
  return [sloBound(METRIC.serviceAlive, "rate>=", slo, "serviceAliveRate"), fixed(submetric(METRIC.serviceAlive, { probe: "final" }), "rate==1")];
}

/**
 * Aborts when nearly every request fails or the service stops answering its health probe.
 * `delayAbortEval` (a duration from test start, e.g. the warm-up plus the fault) keeps the
 * first noisy seconds from aborting a run.
 */
export function safetyAborts(slo: Slo, delayAbortEval: string): Criteria {
  return [
    { ...sloBound(METRIC.reqFailed, "rate<", slo, "abortErrorRate"), abortOnFail: true, delayAbortEval },
    { ...sloBound(METRIC.serviceAlive, "rate>=", slo, "abortAliveRate"), abortOnFail: true, delayAbortEval },
  ];
}

/** The open model held: at most droppedIterationsMax iterations dropped for lack of VUs. */
export function loadIntegrity(slo: Slo): Criteria {
  return [sloBound("dropped_iterations", "count<=", slo, "droppedIterationsMax")];
}

/**
 * Every fault acted on something: `ai_fault_affected{fault:<id>}` count >= 1 per fault id (the
 * plan's, e.g. `disrupt#1`). A count, not the `ai_fault_landed` rate: k6 passes a threshold on a
 * Rate with no sample (metrics/thresholds.go runNoTaint: no `rate` key, no verdict), so a count
 * that was never read would pass as a rate; an empty Counter is 0 and breaches. A breach means the
 * scenario's condition never happened, so its other verdicts cannot be trusted (`npm run chaos`
 * calls a run whose only breaches are these inconclusive).
 */
export function faultsLanded(ids: readonly string[]): Criteria {
  return ids.map((fault) => fixed(submetric(METRIC.faultAffected, { fault }), "count>=1"));
}
