import type { MetricRegistry } from "../metrics/registry.ts";
import { CounterSink, GaugeSink, RateSink, type AnySink } from "../metrics/sinks.ts";
import { compare } from "./expression.ts";
import type { MetricThresholds, ThresholdResult, ThresholdSet } from "./types.ts";

/**
 * The aggregates a metric's thresholds can read, as k6 builds them: a Rate with no samples
 * has no `rate`, and a Counter has no `rate` while the duration is 0; a missing key passes.
 */
function sinkValues(sink: AnySink, mt: MetricThresholds, durationMs: number): Map<string, number> {
  const out = new Map<string, number>();
  if (sink instanceof CounterSink) {
    out.set("count", sink.value);
    if (durationMs > 0) out.set("rate", sink.value / (durationMs / 1000));
  } else if (sink instanceof GaugeSink) {
    out.set("value", sink.value);
  } else if (sink instanceof RateSink) {
    if (sink.total > 0) out.set("rate", sink.trues / sink.total);
  } else {
    out.set("min", sink.min).set("max", sink.max).set("avg", sink.avg()).set("med", sink.percentile(0.5));
    for (const t of mt.thresholds) {
      const p = t.expression.percentile;
      if (p !== undefined) out.set(t.expression.sinkKey, sink.percentile(p / 100));
    }
  }
  return out;
}

/** Runs one metric's thresholds; returns whether any failed. */
function runMetric(mt: MetricThresholds, values: Map<string, number>, elapsedMs: number): boolean {
  let failedAny = false;
  for (const t of mt.thresholds) {
    const lhs = values.get(t.expression.sinkKey);
    t.lastFailed = lhs !== undefined && !compare(lhs, t.expression.operator, t.expression.value);
    if (!t.lastFailed) continue;
    failedAny = true;
    if (mt.abort || !t.abortOnFail) continue;
    // k6 aborts once the delay is strictly exceeded by the time since test start.
    mt.abort = t.delayAbortEvalMs === null || t.delayAbortEvalMs < elapsedMs;
    if (mt.abort) mt.abortedBy = { metric: mt.metric, expression: t.source };
  }
  return failedAny;
}

/**
 * Evaluates all thresholds now. Returns which failed and whether any failing abortOnFail
 * threshold has passed its delayAbortEval (relative to elapsedMs). k6 runs this every 2 s
 * skipping metrics without samples (`final: false`), then once at the end including them
 * (`final: true`, the default): the end-of-test verdict needs the final form.
 */
export function evaluateThresholds(
  set: ThresholdSet,
  registry: MetricRegistry,
  elapsedMs: number,
  testRunDurationMs: number,
  opts?: { final?: boolean },
): ThresholdResult {
  const result: ThresholdResult = { failed: [], abort: false };
  for (const mt of set.metrics) {
    const sink = registry.sink(mt.metric);
    if (!sink || mt.thresholds.length === 0) continue;
    if (opts?.final === false && sink.isEmpty()) continue;
    if (!runMetric(mt, sinkValues(sink, mt, testRunDurationMs), elapsedMs)) continue;
    for (const t of mt.thresholds) if (t.lastFailed) result.failed.push({ metric: mt.metric, expression: t.source });
    if (mt.abort && !result.abort) {
      result.abort = true;
      result.abortedBy = mt.abortedBy;
    }
  }
  return result;
}
