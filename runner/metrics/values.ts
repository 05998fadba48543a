import { parseGoFloat } from "./go-float.ts";
import { CounterSink, GaugeSink, RateSink, type AnySink } from "./sinks.ts";
import type { TrendSink } from "./trend-sink.ts";

/** k6's default `summaryTrendStats`. */
export const DEFAULT_TREND_STATS: readonly string[] = ["avg", "min", "med", "max", "p(90)", "p(95)"];

const STATIC: Record<string, (s: TrendSink) => number> = {
  avg: (s) => s.avg(),
  min: (s) => s.min,
  med: (s) => s.percentile(0.5),
  max: (s) => s.max,
  count: (s) => s.count,
};

/**
 * The reader for one summary trend stat (`avg`, `min`, `med`, `max`, `count`, `p(N)` with
 * 0 ≤ N ≤ 100). Throws k6's message for anything else.
 */
export function trendStatReader(stat: string): (s: TrendSink) => number {
  const fixed = STATIC[stat];
  if (fixed) return fixed;
  if (!stat.startsWith("p(") || !stat.endsWith(")")) throw new Error(`invalid trend stat '${stat}', unknown format`);
  let p = Number.NaN;
  try {
    p = parseGoFloat(stat.slice(2, -1));
  } catch {
    // reported below with k6's wording
  }
  if (!(p >= 0 && p <= 100)) {
    throw new Error(`invalid percentile trend stat value '${stat}', provide a number between 0 and 100`);
  }
  return (s) => s.percentile(p / 100);
}

/** Throws k6's message for the first invalid entry of `options.summaryTrendStats`. */
export function validateTrendStats(stats: readonly string[]): void {
  for (const stat of stats) trendStatReader(stat);
}

/**
 * A sink's values as k6's end-of-test summary reports them: counter {count, rate},
 * gauge {value, min, max}, rate {rate, passes, fails}, trend one key per trend stat.
 */
export function summaryValues(sink: AnySink, durationMs: number, trendStats: readonly string[]): Record<string, number> {
  if (sink instanceof CounterSink) return { count: sink.value, rate: sink.rate(durationMs) };
  if (sink instanceof GaugeSink) return { value: sink.value, min: sink.min, max: sink.max };
  if (sink instanceof RateSink) return { rate: sink.rate(), passes: sink.trues, fails: sink.total - sink.trues };
  const out: Record<string, number> = {};
  for (const stat of trendStats) out[stat] = trendStatReader(stat)(sink);
  return out;
}
