// Safety: thresholds whose breach means the blast radius is too big, so the run stops early
// (`abortOnFail`, exit 99) instead of hammering a dead service; and the load generator itself
// kept up (an open model that drops iterations no longer measures what it claims).
import type { Threshold } from "k6/options";
import { METRIC } from "../contracts/names.ts";
import type { Thresholds } from "./compose.ts";
import type { Slo } from "./slo.ts";

/**
 * Aborts when nearly every request fails or the service stops answering its health probe.
 * `delayAbortEval` (a duration from test start, e.g. the warm-up plus the fault) keeps the
 * first noisy seconds from aborting a run.
 */
export function safetyAborts(slo: Slo, delayAbortEval: string): Thresholds {
  const abort = (threshold: string): Threshold => ({ threshold, abortOnFail: true, delayAbortEval });
  return {
    [METRIC.reqFailed]: [abort(`rate<${slo.abortErrorRate}`)],
    [METRIC.serviceAlive]: [abort(`rate>=${slo.abortAliveRate}`)],
  };
}

/** The open model held: at most droppedIterationsMax iterations dropped for lack of VUs. */
export function loadIntegrity(slo: Slo): Thresholds {
  return { dropped_iterations: [`count<=${slo.droppedIterationsMax}`] };
}
