import type { MetricRegistry } from "../metrics/registry.ts";
import { evaluateThresholds } from "./evaluate.ts";
import type { ThresholdResult, ThresholdSet } from "./types.ts";

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
