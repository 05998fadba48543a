// Degradation under a fault: a bounded error rate, errors that are contract answers, streams
// that end properly, no hangs, failures that answer fast (shed or failed over), and retries that
// do not multiply the load on the providers.
import { METRIC, PHASES, WORKLOAD_KINDS, type Kind, type Phase } from "../contracts/names.ts";
import { fixed, sloBound, submetric, type Criteria } from "./criteria.ts";
import type { Slo } from "./slo.ts";

/** `ai_req_failed{phase:during}` below `maxErrorRate` (a scenario's own limit) or else the SLO's errorBudgetDuring. */
export function boundedDegradation(slo: Slo, opts: { maxErrorRate?: number } = {}): Criteria {
  const metric = submetric(METRIC.reqFailed, { phase: "during" });
  return [opts.maxErrorRate === undefined ? sloBound(metric, "rate<", slo, "errorBudgetDuring") : fixed(metric, `rate<${opts.maxErrorRate}`)];
}

/**
 * `ai_req_unanswered{phase:during}` below maskedErrorRate: failures before the answer started,
 * which retries and fallback exist to hide. A stream cut after its first token is outside it (no
 * gateway can take back the tokens sent; the contract asks for an in-band error, judged by
 * streamIntegrity and wellFormedErrors) but still counts in boundedDegradation.
 */
export function maskedErrors(slo: Slo): Criteria {
  return [sloBound(submetric(METRIC.reqUnanswered, { phase: "during" }), "rate<", slo, "maskedErrorRate")];
}

/**
 * Every failure is a contract answer: `ai_errors_well_formed` rate at least wellFormedRate, over
 * the whole run or, with `phases`, per phase (a killed pod cuts what it held: no answer is possible).
 */
export function wellFormedErrors(slo: Slo, opts: { phases?: readonly Phase[] } = {}): Criteria {
  if (!opts.phases) return [sloBound(METRIC.errorsWellFormed, "rate>=", slo, "wellFormedRate")];
  return opts.phases.map((phase) => sloBound(submetric(METRIC.errorsWellFormed, { phase }), "rate>=", slo, "wellFormedRate"));
}

/**
 * Streams end with [DONE] or an in-band error, never a silent cut: over the whole run or, with
 * `phases`, per phase (a killed pod cuts the streams it held mid-body: no in-band error is possible).
 */
export function streamIntegrity(slo: Slo, opts: { phases?: readonly Phase[] } = {}): Criteria {
  if (!opts.phases) return [sloBound(METRIC.streamComplete, "rate>=", slo, "streamCompleteRate"), fixed(submetric(METRIC.errors, { class: "stream_cut" }), "count<1")];
  // Per phase there are too few streams to judge a 1 % budget (thresholds/README.md), so no silent
  // cut and no corrupt stream at all: stricter than the rate, and judgeable at any count.
  return opts.phases.flatMap((phase) => [
    fixed(submetric(METRIC.errors, { class: "stream_cut", phase }), "count<1"),
    fixed(submetric(METRIC.errors, { class: "corrupt", phase }), "count<1"),
  ]);
}

/**
 * No hangs: no request reaches the client timeout, and none takes longer than maxDurationMs.
 * `requestTimeoutMs` is the run's REQUEST_TIMEOUT: an SLO at or above it could never fail.
 */
export function noHangs(slo: Slo, requestTimeoutMs: number, kinds: readonly Kind[] = WORKLOAD_KINDS): Criteria {
  if (slo.maxDurationMs >= requestTimeoutMs) {
    throw new Error(`SLO maxDurationMs (${slo.maxDurationMs}) must be below REQUEST_TIMEOUT (${requestTimeoutMs} ms), or a hang could never fail it`);
  }
  return [fixed(submetric(METRIC.errors, { class: "timeout" }), "count<1"), ...kinds.map((kind) => sloBound(submetric("http_req_duration", { kind }), "max<", slo, "maxDurationMs"))];
}

/**
 * Failed answers during the fault come fast, per kind: p95 under fastFailureP95Ms, or with
 * `{ typical: true }` the median under fastFailureP50Ms (when the fault is a hang, the first
 * failures wait out attempt timeouts before a breaker can know better).
 */
export function fastFailure(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS, opts: { typical?: boolean } = {}): Criteria {
  return kinds.map((kind) => {
    const metric = submetric("http_req_duration", { phase: "during", kind, expected_response: "false" });
    return opts.typical ? sloBound(metric, "med<", slo, "fastFailureP50Ms") : sloBound(metric, "p(95)<", slo, "fastFailureP95Ms");
  });
}

/**
 * Requests the service cannot serve in time end with an answer within its deadline
 * (`deadlineMs`, max per kind): a timeout answer, not a hang up to the client's own timeout. A
 * stream's deadline covers the wait for its first byte (the status line comes with the first
 * token, so `http_req_waiting`, k6's time to first byte); after it, tokens flow under the idle
 * timeout (streamIntegrity, noHangs), and a slow trickle may end past the deadline without a hang.
 */
export function answersWithinDeadline(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS): Criteria {
  return kinds.map((kind) => sloBound(submetric(kind.endsWith("stream") ? "http_req_waiting" : "http_req_duration", { kind }), "max<", slo, "deadlineMs"));
}

/** No 5xx answer at all, whatever its body (input errors and shedding are 4xx). */
export function noServerErrors(): Criteria {
  return [fixed(submetric(METRIC.errors, { class: "5xx" }), "count<1")];
}

/** Requests of `kind` got the answer they expect (e.g. invalid input: a 4xx with the contract's body). */
export function answeredAsExpected(slo: Slo, kind: Kind): Criteria {
  return [sloBound(submetric(METRIC.reqFailed, { kind }), "rate<", slo, "errorRateBefore")];
}

/**
 * The surge did reach capacity: at least one request was shed with a 429. Without it a
 * saturation run proves nothing (CAPACITY_INFLIGHT larger than the service's real bound).
 */
export function saturationReached(): Criteria {
  return [fixed(submetric(METRIC.errors, { class: "429" }), "count>=1")];
}

/**
 * Retry amplification: upstream attempts the provider links counted per client request, one
 * sample per phase (lib/upstream-sampler.ts), so the Trend's `max` is that phase's ratio: under
 * amplificationDuringMax while the fault is on, under amplificationSteadyMax before and after it
 * (an open breaker's health probes are attempts too). lib/scenario-spec.ts adds it wherever the
 * sampler runs, for the phases that have client requests.
 */
export function upstreamAmplification(slo: Slo, phases: readonly Phase[] = PHASES): Criteria {
  return phases.map((phase) =>
    sloBound(submetric(METRIC.upstreamAmplification, { phase }), "max<", slo, phase === "during" ? "amplificationDuringMax" : "amplificationSteadyMax"));
}
