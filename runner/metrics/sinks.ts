import { TrendSink } from "./trend-sink.ts";
import type { MetricType, Sink } from "./types.ts";

/** k6's Counter sink: the sum of the values; rate = sum per second of test run. */
export class CounterSink implements Sink {
  value = 0;
  private seen = false;
  add(value: number): void {
    this.value += value;
    this.seen = true;
  }
  isEmpty(): boolean {
    return !this.seen;
  }
  /** Per second over `durationMs`; 0 for a zero duration (k6 guards the division). */
  rate(durationMs: number): number {
    return durationMs === 0 ? 0 : this.value / (durationMs / 1000);
  }
}

/** k6's Gauge sink: the last value plus the smallest and largest seen. */
export class GaugeSink implements Sink {
  value = 0;
  min = 0;
  max = 0;
  private seen = false;
  add(value: number): void {
    this.value = value;
    if (!this.seen || value > this.max) this.max = value;
    if (!this.seen || value < this.min) this.min = value;
    this.seen = true;
  }
  isEmpty(): boolean {
    return !this.seen;
  }
}

/** k6's Rate sink: the share of non-zero samples. */
export class RateSink implements Sink {
  trues = 0;
  total = 0;
  add(value: number): void {
    this.total++;
    if (value !== 0) this.trues++;
  }
  isEmpty(): boolean {
    return this.total === 0;
  }
  /** trues / total, 0 when empty (k6's summary value; thresholds treat empty apart). */
  rate(): number {
    return this.total > 0 ? this.trues / this.total : 0;
  }
}

/** Any of the four sinks. */
export type AnySink = CounterSink | GaugeSink | RateSink | TrendSink;

/** A new empty sink for `type`; `exactTrendLimit` bounds a trend's exact sample store. */
export function createSink(type: MetricType, exactTrendLimit?: number): AnySink {
  switch (type) {
    case "counter":
      return new CounterSink();
    case "gauge":
      return new GaugeSink();
    case "rate":
      return new RateSink();
    case "trend":
      return new TrendSink(exactTrendLimit);
  }
}
