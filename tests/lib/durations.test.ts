import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDuration, parseDuration, toGoDuration, toMs } from "../../lib/durations.ts";

test("parses Go-style durations, compound ones included, into milliseconds", () => {
  assert.equal(parseDuration("30s"), 30_000);
  assert.equal(parseDuration("150ms"), 150);
  assert.equal(parseDuration("1m30s"), 90_000);
  assert.equal(parseDuration("1.5s"), 1_500);
});

test("rejects numbers without a unit and other text", () => {
  for (const bad of ["1", "", "s", "10 sec", "-1s", "1x"]) assert.equal(parseDuration(bad), undefined, bad);
});

test("formats milliseconds as the shortest exact Go duration", () => {
  assert.equal(formatDuration(30_000), "30s");
  assert.equal(formatDuration(1_500), "1500ms");
  assert.equal(formatDuration(120_000), "2m");
  assert.equal(formatDuration(90_000), "90s");
});

test("normalises either form and names the field when it is not a duration", () => {
  assert.equal(toGoDuration(200, "averageDelay"), "200ms");
  assert.equal(toGoDuration("0.2s", "averageDelay"), "200ms");
  assert.equal(toMs("2s", "x"), 2_000);
  assert.throws(() => toMs("fast", "averageDelay"), /averageDelay must be a Go-style duration/);
  assert.throws(() => toMs(-5, "timeout"), /timeout must be a duration >= 0/);
});
