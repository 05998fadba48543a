import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RELATIVE_ERROR } from "../../../runner/metrics/log-histogram.ts";
import { TrendSink, interpolatedPercentile } from "../../../runner/metrics/trend-sink.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap plus ArrayBuffer backing stores, where a Float64Array's samples live. */
const used = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const lcg = (seed: number) => (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

test("two million trend samples grow memory by under 4 MB", () => {
  const rand = lcg(7);
  const before = used();
  const sink = new TrendSink();
  for (let i = 0; i < 2_000_000; i++) sink.add(1 + rand() * rand() * 5000);
  sink.percentile(0.95);
  const grown = used() - before;
  assert.equal(sink.approximate, true);
  assert.equal(sink.count, 2_000_000);
  assert.ok(grown < 4 * 1024 * 1024, `heap grew ${(grown / 1048576).toFixed(1)} MB`);
});

test("past the exact limit, percentiles stay within 0.1% and min, max, avg stay exact", () => {
  const rand = lcg(11);
  const values = Array.from({ length: 50_000 }, () => (rand() < 0.1 ? -rand() * 10 : rand() * rand() * 900));
  const sink = new TrendSink(1000);
  for (const v of values) sink.add(v);
  assert.equal(sink.approximate, true);
  const sorted = [...values].sort((a, b) => a - b);
  const exact = (pct: number): number => {
    const i = pct * (sorted.length - 1);
    const lo = sorted[Math.floor(i)] as number;
    return lo + ((sorted[Math.ceil(i)] as number) - lo) * (i - Math.floor(i));
  };
  for (const p of [0.01, 0.05, 0.5, 0.9, 0.95, 0.99, 0.999]) {
    const want = exact(p);
    assert.ok(Math.abs(sink.percentile(p) - want) <= Math.abs(want) * RELATIVE_ERROR + 1e-12, `p=${p}: ${sink.percentile(p)} vs ${want}`);
  }
  assert.equal(sink.percentile(0), sorted[0]);
  assert.equal(sink.percentile(1), sorted.at(-1));
  assert.equal(sink.min, sorted[0]);
  assert.equal(sink.max, sorted.at(-1));
  assert.equal(sink.avg(), values.reduce((a, b) => a + b, 0) / values.length);
});

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
