import assert from "node:assert/strict";
import { test } from "node:test";
import { formatGoDuration, parseExtendedDuration } from "../../../runner/thresholds/delay.ts";

test("delayAbortEval reads Go durations, bare numbers as ms, and day prefixes", () => {
  const cases: [string, number][] = [
    ["10s", 10_000], ["1m30s", 90_000], ["1.5s", 1500], ["500ms", 500], ["250", 250], ["0", 0],
    ["1h", 3_600_000], ["2d", 172_800_000], ["1d2h", 93_600_000], ["100us", 0.1], ["100µs", 0.1],
  ];
  for (const [text, ms] of cases) assert.equal(parseExtendedDuration(text), ms, text);
});

test("malformed durations fail with Go's messages", () => {
  assert.throws(() => parseExtendedDuration("10x"), /time: unknown unit "x" in duration "10x"/);
  assert.throws(() => parseExtendedDuration(""), /time: invalid duration ""/);
  assert.throws(() => parseExtendedDuration("s"), /time: invalid duration "s"/);
  assert.throws(() => parseExtendedDuration("1s5"), /time: missing unit in duration "1s5"/);
});

test("durations print as Go's Duration.String", () => {
  const cases: [number, string][] = [[10_000, "10s"], [90_000, "1m30s"], [1500, "1.5s"], [500, "500ms"], [0, "0s"], [3_600_000, "1h0m0s"], [0.1, "100µs"]];
  for (const [ms, text] of cases) assert.equal(formatGoDuration(ms), text, text);
});
