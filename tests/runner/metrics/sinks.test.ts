import assert from "node:assert/strict";
import { test } from "node:test";
import { CounterSink, GaugeSink, RateSink } from "../../../runner/metrics/sinks.ts";
import { TrendSink } from "../../../runner/metrics/trend-sink.ts";
import { summaryValues, trendStatReader, validateTrendStats } from "../../../runner/metrics/values.ts";

const fill = <S extends { add(v: number): void }>(sink: S, values: number[]): S => {
  for (const v of values) sink.add(v);
  return sink;
};

test("a counter sums values and its rate is per second of test run", () => {
  const c = fill(new CounterSink(), [1, 2, 3.5]);
  assert.deepEqual(summaryValues(c, 2000, []), { count: 6.5, rate: 3.25 });
  assert.deepEqual(summaryValues(c, 0, []), { count: 6.5, rate: 0 });
  assert.equal(new CounterSink().isEmpty(), true);
  assert.equal(fill(new CounterSink(), [0]).isEmpty(), false);
});

test("a gauge keeps the last value and the extremes", () => {
  assert.deepEqual(summaryValues(fill(new GaugeSink(), [-3, -8, 5]), 1000, []), { value: 5, min: -8, max: 5 });
});

test("a rate counts non-zero samples over all samples", () => {
  assert.deepEqual(summaryValues(fill(new RateSink(), [1, 0, 0, 2, -1]), 1000, []), { rate: 0.6, passes: 3, fails: 2 });
  assert.deepEqual(summaryValues(new RateSink(), 1000, []), { rate: 0, passes: 0, fails: 0 });
});

test("a trend reports the requested stats, count included", () => {
  const t = fill(new TrendSink(), [0, 100, 30, 80, 70, 60, 50, 40, 90, 20]);
  assert.deepEqual(summaryValues(t, 1000, ["avg", "min", "med", "max", "p(90)", "count", "p(0)", "p(100)"]), {
    avg: 54, min: 0, med: 55, max: 100, "p(90)": 91, count: 10, "p(0)": 0, "p(100)": 100,
  });
});

test("an empty trend reads 0 for every stat, as k6", () => {
  assert.deepEqual(summaryValues(new TrendSink(), 1000, ["avg", "min", "med", "max", "p(95)", "count"]), {
    avg: 0, min: 0, med: 0, max: 0, "p(95)": 0, count: 0,
  });
});

test("invalid summary trend stats are rejected with k6's messages", () => {
  assert.doesNotThrow(() => validateTrendStats(["avg", "p(99.9)", "count", "p(0)", "p(100)"]));
  assert.throws(() => trendStatReader("mean"), /invalid trend stat 'mean', unknown format/);
  assert.throws(() => trendStatReader("p(101)"), /invalid percentile trend stat value 'p\(101\)', provide a number between 0 and 100/);
  assert.throws(() => trendStatReader("p(x)"), /invalid percentile trend stat value/);
});
