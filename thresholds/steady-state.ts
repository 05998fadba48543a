// Steady state: before the fault and after it (settle excluded), the service meets its normal
// SLO. Failure is `ai_req_failed` (it sees in-band stream errors and cuts that
// http_req_failed misses, and only workload traffic records it); latency is over answers the
// request expected, per workload kind, so fast failures cannot flatter the percentile.
import { METRIC } from "../contracts/names.ts";
import type { Phase } from "../contracts/names.ts";
import { WORKLOAD_KINDS, type Kind } from "../contracts/names.ts";
import { submetric, type Thresholds } from "./compose.ts";
import type { Slo } from "./slo.ts";

/** Which slice of traffic a builder judges. */
export interface Slice {
  /** Phases judged (default before and after; a no-fault baseline passes all three). */
  phases?: readonly Phase[];
  /** Workload kinds for latency keys (default chat and chat_stream). */
  kinds?: readonly Kind[];
}

/** Error rate per phase (`before` uses errorRateBefore, others errorRateAfter) and p95 latency per kind. */
export function steadyState(slo: Slo, slice: Slice = {}): Thresholds {
  const out: Thresholds = answerLatency(slo, slice);
  for (const phase of slice.phases ?? ["before", "after"]) {
    const limit = phase === "before" ? slo.errorRateBefore : slo.errorRateAfter;
    out[submetric(METRIC.reqFailed, { phase })] = [`rate<${limit}`];
  }
  return out;
}

/**
 * p95 latency of the answers requests expected, per phase and kind (default latencyP95Ms). Alone,
 * it judges requests that were served while others were refused (admitted requests under shedding).
 */
export function answerLatency(slo: Slo, slice: Slice & { p95Ms?: number } = {}): Thresholds {
  const out: Thresholds = {};
  for (const phase of slice.phases ?? ["before", "after"]) {
    for (const kind of slice.kinds ?? WORKLOAD_KINDS) {
      out[submetric("http_req_duration", { phase, kind, expected_response: "true" })] = [`p(95)<${slice.p95Ms ?? slo.latencyP95Ms}`];
    }
  }
  return out;
}

/** During the fault, the median answer (per kind) stays under degradedLatencyP50Ms. */
export function degradedLatency(slo: Slo, kinds: readonly Kind[] = WORKLOAD_KINDS): Thresholds {
  const out: Thresholds = {};
  for (const kind of kinds) {
    out[submetric("http_req_duration", { phase: "during", kind, expected_response: "true" })] = [`med<${slo.degradedLatencyP50Ms}`];
  }
  return out;
}

/** LLM latency: time to first token and time per output token (p95) in the phases given. */
export function llmLatency(slo: Slo, slice: Slice = {}): Thresholds {
  const out: Thresholds = {};
  for (const phase of slice.phases ?? ["before", "after"]) {
    out[submetric(METRIC.ttft, { phase })] = [`p(95)<${slo.ttftP95Ms}`];
    out[submetric(METRIC.timePerOutputToken, { phase })] = [`p(95)<${slo.timePerTokenP95Ms}`];
  }
  return out;
}
