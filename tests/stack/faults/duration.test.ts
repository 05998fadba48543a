import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDuration, parseDuration } from "../../../stack/faults/duration.ts";

test("parseDuration reads Go-style durations into milliseconds", () => {
  const cases: [string, number][] = [["150ms", 150], ["30s", 30_000], ["1m30s", 90_000], ["2h", 7_200_000], ["1.5s", 1_500], ["0", 0], ["500us", 0.5]];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
});

test("parseDuration rejects numbers, bare digits, unknown units and junk with a message naming the input", () => {
  for (const bad of ["30", "", "1d", "s", "-1s", "1s ", " 1s", "1m30", "abc", "1 s"]) {
    assert.throws(() => parseDuration(bad), new RegExp(`invalid duration ${JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*"150ms"`), bad);
  }
  assert.throws(() => parseDuration(30), /expected a duration string such as "30s".*got 30/);
});

test("formatDuration writes the shortest Go duration", () => {
  assert.equal(formatDuration(90_000), "1m30s");
  assert.equal(formatDuration(300), "300ms");
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(3_600_000 + 1_500), "1h1s500ms");
});
