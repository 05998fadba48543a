import { LogHistogram } from "./log-histogram.ts";
import type { Sink } from "./types.ts";

/**
 * k6's percentile over ascending `sorted` values (`TrendSink.P`): linear interpolation at
 * index `pct·(n−1)`, with `pct` a fraction in [0,1]. No values → 0, one value → that value.
 * `n` may be smaller than `sorted.length` (a typed array with spare capacity).
 */
export function interpolatedPercentile(sorted: ArrayLike<number>, n: number, pct: number): number {
  if (n === 0) return 0;
  if (n === 1) return sorted[0] ?? 0;
  // Same float operations, in the same order, as k6: results match bit for bit.
  const i = pct * (n - 1);
  const lo = sorted[Math.floor(i)] ?? 0;
  const hi = sorted[Math.ceil(i)] ?? 0;
  return lo + (hi - lo) * (i - Math.floor(i));
}

/** Samples a trend keeps exactly (8 bytes each, so 800 kB per sink) before it spills to a histogram. */
export const DEFAULT_EXACT_LIMIT = 100_000;

/**
 * k6's Trend sink: exact count, min, max and sum; percentiles by k6's sort-and-interpolate
 * while at most `exactLimit` samples were seen, then from a LogHistogram (±0.1%) so that
 * memory stays bounded on long runs.
 */
export class TrendSink implements Sink {
  count = 0;
  min = 0;
  max = 0;
  sum = 0;
  private values: Float64Array | undefined = new Float64Array(1024);
  private sorted = true;
  private histogram: LogHistogram | undefined;

  constructor(private readonly exactLimit = DEFAULT_EXACT_LIMIT) {}

  /** Adds one sample. */
  add(value: number): void {
    if (this.count === 0 || value < this.min) this.min = value;
    if (this.count === 0 || value > this.max) this.max = value;
    this.sum += value;
    if (this.values && this.count === this.values.length) this.grow(this.values);
    if (this.values) {
      this.values[this.count] = value;
      this.sorted = false;
    } else {
      this.histogram?.add(value);
    }
    this.count++;
  }

  /** True before the first sample. */
  isEmpty(): boolean {
    return this.count === 0;
  }

  /** True once percentiles come from the histogram instead of the exact values. */
  get approximate(): boolean {
    return this.histogram !== undefined;
  }

  /** Mean, 0 when empty (as k6). */
  avg(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** Percentile for a fraction `pct` in [0,1], as k6's `TrendSink.P`. */
  percentile(pct: number): number {
    if (this.values) {
      if (!this.sorted) {
        this.values.subarray(0, this.count).sort();
        this.sorted = true;
      }
      return interpolatedPercentile(this.values, this.count, pct);
    }
    const i = pct * (this.count - 1);
    const lo = this.rankValue(Math.floor(i));
    const hi = this.rankValue(Math.ceil(i));
    return lo + (hi - lo) * (i - Math.floor(i));
  }

  /** Exact at both ends, histogram in between, never outside [min, max]. */
  private rankValue(rank: number): number {
    if (rank <= 0) return this.min;
    if (rank >= this.count - 1) return this.max;
    return Math.min(this.max, Math.max(this.min, this.histogram?.valueAt(rank) ?? 0));
  }

  private grow(values: Float64Array): void {
    if (values.length < this.exactLimit) {
      const bigger = new Float64Array(Math.min(values.length * 2, this.exactLimit));
      bigger.set(values);
      this.values = bigger;
      return;
    }
    const histogram = new LogHistogram();
    for (let i = 0; i < values.length; i++) histogram.add(values[i]!);
    this.histogram = histogram;
    this.values = undefined;
  }
}
