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

/** k6's threshold evaluation period during the run (metrics engine `thresholdsRate`). */
export const THRESHOLDS_INTERVAL_MS = 2000;

/**
 * Runs k6's threshold schedule: every 2 s during the test, skipping metrics without samples,
 * calling `onAbort` once when an abortOnFail threshold fails past its delay. `finish()` stops
 * the timer and returns the final evaluation (empty sinks included), which decides exit 99.
 * `elapsedMs` is the time since test start (also the counter-rate duration, as in k6).
 */
export function startThresholdLoop(opts: {
  set: ThresholdSet;
  registry: MetricRegistry;
  elapsedMs: () => number;
  onAbort: (result: ThresholdResult) => void;
  intervalMs?: number;
}): { finish(testRunDurationMs?: number): ThresholdResult } {
  const { set, registry, elapsedMs, onAbort } = opts;
  let aborted = false;
  const timer = setInterval(() => {
    const now = elapsedMs();
    const result = evaluateThresholds(set, registry, now, now, { final: false });
    if (result.abort && !aborted) {
      aborted = true;
      onAbort(result);
    }
  }, opts.intervalMs ?? THRESHOLDS_INTERVAL_MS);
  timer.unref();
  return {
    finish(testRunDurationMs?: number): ThresholdResult {
      clearInterval(timer);
      const now = testRunDurationMs ?? elapsedMs();
      return evaluateThresholds(set, registry, now, now, { final: true });
    },
  };
}
