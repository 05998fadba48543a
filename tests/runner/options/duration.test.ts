import assert from "node:assert/strict";
import { test } from "node:test";
import { durationFlag, durationOption, formatDuration, parseGoDuration } from "../../../runner/options/duration.ts";
import { UsageError } from "../../../runner/errors.ts";

test("Go durations parse to milliseconds, including compound and fractional forms", () => {
  assert.equal(parseGoDuration("1m30s"), 90_000);
  assert.equal(parseGoDuration("500ms"), 500);
  assert.equal(parseGoDuration("1.5h"), 5_400_000);
  assert.equal(parseGoDuration("-2s"), -2000);
  assert.equal(parseGoDuration("250us"), 0.25);
  assert.equal(parseGoDuration("0"), 0);
});

test("text that is not a duration is rejected", () => {
  for (const bad of ["", "10", "1x", "s", "1m30", "abc"]) assert.equal(parseGoDuration(bad), undefined, bad);
});

test("script options take a number as milliseconds (k6's JSON rule)", () => {
  assert.equal(durationOption(1500, "duration"), 1500);
  assert.throws(() => durationOption("soon", "duration"), /invalid duration/);
});

test("flags take a unitless number as seconds and reject garbage as a usage error", () => {
  assert.equal(durationFlag("10", "--duration"), 10_000);
  assert.equal(durationFlag("2m", "--duration"), 120_000);
  assert.throws(() => durationFlag("forever", "--duration"), UsageError);
});

test("durations print the way k6 prints them", () => {
  assert.equal(formatDuration(90_000), "1m30s");
  assert.equal(formatDuration(500), "500ms");
  assert.equal(formatDuration(3_600_000), "1h0m0s");
});
