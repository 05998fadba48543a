import assert from "node:assert/strict";
import { test } from "node:test";
import { humanizeBytes, humanizeDuration, humanizeValue } from "../../../runner/summary/format.ts";

test("durations use the largest fitting unit with truncated decimals", () => {
  const cases: [number, string][] = [
    [0, "0s"], [0.0000005, "0ns"], [0.0005, "500ns"], [0.0123456, "12.34µs"], [0.999, "999µs"], [1, "1ms"],
    [812.538, "812.53ms"], [1000, "1s"], [4567.8, "4.56s"], [59_999, "59.99s"], [60_000, "1m0s"], [90_500, "1m30s"], [3_723_000, "1h2m3s"], [-5, "-5ms"],
  ];
  for (const [ms, text] of cases) assert.equal(humanizeDuration(ms), text, String(ms));
});

test("bytes use decimal units", () => {
  const cases: [number, string][] = [[7, "7 B"], [10, "10 B"], [1234, "1.2 kB"], [20480, "21 kB"], [19_440, "19 kB"], [35_000_000, "35 MB"]];
  for (const [b, text] of cases) assert.equal(humanizeBytes(b), text, String(b));
});

test("values format by metric type and unit", () => {
  assert.equal(humanizeValue(0.99999, "rate", "default"), "99.99%");
  assert.equal(humanizeValue(12.3456, "trend", "time", "s"), "0.01s");
  assert.equal(humanizeValue(12.3456, "trend", "time", "us"), "12345.60µs");
  assert.equal(humanizeValue(1 / 3, "counter", "default"), "0.333333");
  assert.equal(humanizeValue(2048, "counter", "data"), "2.0 kB");
});
