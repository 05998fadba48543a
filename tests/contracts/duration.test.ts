// Expected values are Go's and k6's: time.ParseDuration and Duration.String (Go's src/time/format.go,
// time.go), k6's types.ParseExtendedDuration (lib/types/types.go).
import assert from "node:assert/strict";
import { test } from "node:test";
import { durationMs, formatDuration, parseGoDuration, parseGoDurationSigned, parseK6Duration } from "../../contracts/duration.ts";

test("Go durations parse to milliseconds: 0, fractions with either side of the dot, compounds, micro- and nanoseconds", () => {
  const cases: [string, number][] = [
    ["0", 0], [".5s", 500], ["1.5m", 90_000], ["1h2m3s", 3_723_000], ["500us", 0.5], ["500µs", 0.5], ["500μs", 0.5],
    ["150ms", 150], ["30s", 30_000], ["1.s", 1_000], ["2h", 7_200_000], ["+5s", 5_000], ["1500ns", 0.0015], ["-0s", 0],
  ];
  for (const [text, ms] of cases) assert.equal(parseGoDuration(text), ms, text);
});

test("text Go rejects is not a duration, and neither is a negative one", () => {
  for (const bad of [" 2s", "2s ", "2", "-1s", "1d", "", "s", ".s", "1 s", "1m30", "1x", "abc", "--1s", "1e3s"]) {
    assert.equal(parseGoDuration(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseGoDurationSigned("-1s"), -1_000, "Go itself accepts the sign");
  assert.equal(parseGoDurationSigned("-1.5h"), -5_400_000);
});

test("k6's extended form adds bare milliseconds and whole days to Go's", () => {
  const cases: [string, number][] = [["1500", 1_500], ["2.5", 2.5], ["1d", 86_400_000], ["2d12h", 216_000_000], ["1m30s", 90_000], ["-2s", -2_000], ["-1d2h", -93_600_000]];
  for (const [text, ms] of cases) assert.equal(parseK6Duration(text), ms, text);
  for (const bad of ["1.5d", "d", "1d-2h", "1d2", " 1s", "soon"]) assert.equal(parseK6Duration(bad), undefined, bad);
});

test("durations print as Go's Duration.String does", () => {
  const cases: [number, string][] = [
    [0, "0s"], [90_000, "1m30s"], [1_500, "1.5s"], [150, "150ms"], [0.5, "500µs"], [0.0015, "1.5µs"], [1e-6, "1ns"],
    [7_200_000, "2h0m0s"], [3_601_500, "1h0m1.5s"], [30_000, "30s"], [-2_000, "-2s"], [22_000, "22s"],
  ];
  for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, String(ms));
  assert.throws(() => formatDuration(Number.NaN), /finite/);
});

test("durationMs takes a string or milliseconds and names the field when it is neither", () => {
  assert.equal(durationMs("2s", "x"), 2_000);
  assert.equal(durationMs(250, "x"), 250);
  assert.throws(() => durationMs("fast", "averageDelay"), /averageDelay must be a duration such as "30s".*got "fast"/);
  assert.throws(() => durationMs(-5, "timeout"), /timeout must be a duration >= 0; got -5/);
  assert.throws(() => durationMs(undefined, "timeout"), /got nothing/);
});
