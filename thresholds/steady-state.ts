// Steady state: before the fault and after it (settle excluded), the service meets its normal
// SLO. Failure is `ai_req_failed` (it sees in-band stream errors and cuts that
// http_req_failed misses, and only workload traffic records it); latency is over answers the
// request expected, per workload kind, so fast failures cannot flatter the percentile.
import { METRIC, WORKLOAD_KINDS, type Kind, type Phase } from "../contracts/names.ts";
import { sloBound, submetric, type Criteria } from "./criteria.ts";
import type { Slo } from "./slo.ts";

/** Which slice of traffic a builder judges. */
export interface Slice {
  /** Phases judged (default before and after; a no-fault baseline passes all three). */
  phases?: readonly Phase[];
  /** Workload kinds for latency keys (default chat and chat_stream). */
  kinds?: readonly Kind[];
}

/** Error rate per phase (`before` uses errorRateBefore, others errorRateAfter) and p95 latency per kind. */
export function steadyState(slo: Slo, slice: Slice = {}): Criteria {
  const errors = (slice.phases ?? ["before", "after"]).map((phase) =>
    sloBound(submetric(METRIC.reqFailed, { phase }), "rate<", slo, phase === "before" ? "errorRateBefore" : "errorRateAfter"));
  return [...answerLatency(slo, slice), ...errors];
}

/**
 * p95 latency of the answers requests expected, per phase and kind (latencyP95Ms). Alone, it
 * judges requests that were served while others were refused (admitted requests under shedding).
 */
export function answerLatency(slo: Slo, slice: Slice = {}): Criteria {
  return (slice.phases ?? ["before", "after"]).flatMap((phase) => (slice.kinds ?? WORKLOAD_KINDS).map((kind) =>
    sloBound(submetric("http_req_duration", { phase, kind, expected_response: "true" }), "p(95)<", slo, "latencyP95Ms")));
}

/** During the fault, the median answer (per kind) stays under degradedLatencyP50Ms. */
export function degradedLatency(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS): Criteria {
  return kinds.map((kind) => sloBound(submetric("http_req_duration", { phase: "during", kind, expected_response: "true" }), "med<", slo, "degradedLatencyP50Ms"));
}

/** LLM latency: time to first token and time per output token (p95) in the phases given. */
export function llmLatency(slo: Slo, slice: Slice = {}): Criteria {
  return (slice.phases ?? ["before", "after"]).flatMap((phase) => [
    sloBound(submetric(METRIC.ttft, { phase }), "p(95)<", slo, "ttftP95Ms"),
    sloBound(submetric(METRIC.timePerOutputToken, { phase }), "p(95)<", slo, "timePerTokenP95Ms"),
  ]);
}
