import assert from "node:assert/strict";
import { test } from "node:test";
import { interpolatedPercentile, percentileKey } from "../../../runner/metrics/percentile.ts";
import { TrendSink } from "../../../runner/metrics/trend-sink.ts";

/** Reference: the percentile by definition (rank pct·(n−1) between neighbours), written independently. */
function reference(values: number[], pct: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const rank = pct * (s.length - 1);
  const below = s[Math.floor(rank)] as number;
  const above = s[Math.ceil(rank)] as number;
  return below + (above - below) * (rank % 1);
}

test("percentiles interpolate linearly between the neighbouring sorted values", () => {
  const sorted = [0, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  assert.equal(interpolatedPercentile(sorted, 10, 0.5), 55);
  assert.equal(interpolatedPercentile(sorted, 10, 0.9), 91);
  assert.equal(interpolatedPercentile(sorted, 10, 0), 0);
  assert.equal(interpolatedPercentile(sorted, 10, 1), 100);
  assert.equal(interpolatedPercentile([7], 1, 0.95), 7);
  assert.equal(interpolatedPercentile([], 0, 0.95), 0);
});

test("an exact trend matches the reference computation on random data", () => {
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1000;
  const values = Array.from({ length: 5000 }, rand);
  const sink = new TrendSink();
  for (const v of values) sink.add(v);
  assert.equal(sink.approximate, false);
  for (const p of [0, 1, 50, 90, 95, 99, 99.9, 100]) {
    assert.ok(Math.abs(sink.percentile(p / 100) - reference(values, p / 100)) < 1e-9, `p(${p})`);
  }
});

test("percentile keys use Go's %g, so p(99.90) and p(99.9) share one key", () => {
  assert.equal(percentileKey(99.9), "p(99.9)");
  assert.equal(percentileKey(Number("99.90")), "p(99.9)");
  assert.equal(percentileKey(95), "p(95)");
  assert.equal(percentileKey(0), "p(0)");
  assert.equal(percentileKey(0.0001), "p(0.0001)");
  assert.equal(percentileKey(0.00001), "p(1e-05)");
  assert.equal(percentileKey(1.5e-7), "p(1.5e-07)");
});
