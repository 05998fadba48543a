import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RELATIVE_ERROR } from "../../../runner/metrics/log-histogram.ts";
import { TrendSink } from "../../../runner/metrics/trend-sink.ts";

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
