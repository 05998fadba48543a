// Breached thresholds as lines on the charts, so a reader sees where the series crossed the limit.
// Only thresholds whose metric a chart shows get a line; every breach is listed in text anyway.
import { METRIC } from "../../../contracts/names.ts";
import type { Breach } from "../../chaos/types.ts";
import type { LimitLine } from "./types.ts";

// Time trends charted in ms on the latency chart; rates charted as a percentage on the errors chart;
// `ai_inter_token_latency` (ms) and `ai_goodput` (percent) on the LLM chart.
const LATENCY_METRICS = new Set(["http_req_duration", "http_req_waiting", METRIC.ttft]);
const RATE_METRICS = new Set([METRIC.reqFailed, METRIC.reqUnanswered, "http_req_failed"]);
// `p(95)<1000`, `avg<=500`, `rate<0.01`: an aggregate, a comparison, a number.
const EXPRESSION = /^\s*(p\(\d+(?:\.\d+)?\)|avg|med|min|max|rate)\s*(?:<=|<|>=|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** The lines the charts draw for `breaches`. */
export function limitLines(breaches: readonly Breach[]): LimitLine[] {
  return breaches.flatMap((b): LimitLine[] => {
    const match = EXPRESSION.exec(b.threshold);
    if (!match) return [];
    const [, aggregate, number] = match;
    const base = b.metric.split("{")[0] ?? b.metric;
    const label = `${b.metric} ${b.threshold}`;
    if (LATENCY_METRICS.has(base) && aggregate !== "rate") return [{ chart: "latency", value: Number(number), label }];
    if (RATE_METRICS.has(base) && aggregate === "rate") return [{ chart: "errors", value: Number(number) * 100, label }];
    if (base === METRIC.interTokenLatency && aggregate !== "rate") return [{ chart: "itl", value: Number(number), label }];
    if (base === METRIC.goodput && aggregate === "rate") return [{ chart: "goodput", value: Number(number) * 100, label }];
    return [];
  });
}
