// Degradation under a fault: a bounded error rate, errors that are contract answers, streams
// that end properly, no hangs, and failures that answer fast (shed or failed over).
import { METRIC } from "../contracts/names.ts";
import type { Phase } from "../contracts/names.ts";
import { WORKLOAD_KINDS, type Kind } from "../contracts/names.ts";
import { submetric, type Thresholds } from "./compose.ts";
import type { Slo } from "./slo.ts";

/** `ai_req_failed{phase:during}` below `maxErrorRate` (default: the SLO's errorBudgetDuring). */
export function boundedDegradation(slo: Slo, opts: { maxErrorRate?: number } = {}): Thresholds {
  return { [submetric(METRIC.reqFailed, { phase: "during" })]: [`rate<${opts.maxErrorRate ?? slo.errorBudgetDuring}`] };
}

/**
 * `ai_req_unanswered{phase:during}` below maskedErrorRate: failures before the answer started,
 * which retries and fallback exist to hide. A stream cut after its first token is outside it (no
 * gateway can take back the tokens sent; the contract asks for an in-band error, judged by
 * streamIntegrity and wellFormedErrors) but still counts in boundedDegradation.
 */
export function maskedErrors(slo: Slo): Thresholds {
  return { [submetric(METRIC.reqUnanswered, { phase: "during" })]: [`rate<${slo.maskedErrorRate}`] };
}

/**
 * Every failure is a contract answer: `ai_errors_well_formed` rate at least wellFormedRate, over
 * the whole run or, with `phases`, per phase (a killed pod cuts what it held: no answer is possible).
 */
export function wellFormedErrors(slo: Slo, opts: { phases?: readonly Phase[] } = {}): Thresholds {
  const expr = [`rate>=${slo.wellFormedRate}`];
  if (!opts.phases) return { [METRIC.errorsWellFormed]: expr };
  return Object.fromEntries(opts.phases.map((phase) => [submetric(METRIC.errorsWellFormed, { phase }), expr]));
}

/** Streams end with [DONE] or an in-band error, never a silent cut. */
export function streamIntegrity(slo: Slo): Thresholds {
  return {
    [METRIC.streamComplete]: [`rate>=${slo.streamCompleteRate}`],
    [submetric(METRIC.errors, { class: "stream_cut" })]: ["count<1"],
  };
}

/**
 * No hangs: no request reaches the client timeout, and none takes longer than maxDurationMs.
 * `requestTimeoutMs` is the run's REQUEST_TIMEOUT: an SLO at or above it could never fail.
 */
export function noHangs(slo: Slo, requestTimeoutMs: number, kinds: readonly Kind[] = WORKLOAD_KINDS): Thresholds {
  if (slo.maxDurationMs >= requestTimeoutMs) {
    throw new Error(`SLO maxDurationMs (${slo.maxDurationMs}) must be below REQUEST_TIMEOUT (${requestTimeoutMs} ms), or a hang could never fail it`);
  }
  const out: Thresholds = { [submetric(METRIC.errors, { class: "timeout" })]: ["count<1"] };
  for (const kind of kinds) out[submetric("http_req_duration", { kind })] = [`max<${slo.maxDurationMs}`];
  return out;
}

/**
 * Failed answers during the fault come fast, per kind: p95 under fastFailureP95Ms, or with
 * `{ typical: true }` the median under fastFailureP50Ms (when the fault is a hang, the first
 * failures wait out attempt timeouts before a breaker can know better).
 */
export function fastFailure(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS, opts: { typical?: boolean } = {}): Thresholds {
  const out: Thresholds = {};
  const expr = opts.typical ? `med<${slo.fastFailureP50Ms}` : `p(95)<${slo.fastFailureP95Ms}`;
  for (const kind of kinds) out[submetric("http_req_duration", { phase: "during", kind, expected_response: "false" })] = [expr];
  return out;
}

/**
 * Requests the service cannot serve in time end with an answer within its deadline
 * (`deadlineMs`, max per kind): a timeout answer, not a hang up to the client's own timeout.
 */
export function answersWithinDeadline(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS): Thresholds {
  const out: Thresholds = {};
  for (const kind of kinds) out[submetric("http_req_duration", { kind })] = [`max<${slo.deadlineMs}`];
  return out;
}

/** No 5xx answer at all, whatever its body (input errors and shedding are 4xx). */
export function noServerErrors(): Thresholds {
  return { [submetric(METRIC.errors, { class: "5xx" })]: ["count<1"] };
}

/** Requests of `kind` got the answer they expect (e.g. invalid input: a 4xx with the contract's body). */
export function answeredAsExpected(slo: Slo, kind: Kind): Thresholds {
  return { [submetric(METRIC.reqFailed, { kind })]: [`rate<${slo.errorRateBefore}`] };
}

/**
 * The surge did reach capacity: at least one request was shed with a 429. Without it a
 * saturation run proves nothing (CAPACITY_INFLIGHT larger than the service's real bound).
 */
export function saturationReached(): Thresholds {
  return { [submetric(METRIC.errors, { class: "429" })]: ["count>=1"] };
}
