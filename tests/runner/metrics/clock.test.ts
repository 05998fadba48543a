import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { test } from "node:test";
import { sampleTime } from "../../../runner/metrics/clock.ts";

test("a sample's time is the wall clock (unix ms) of its performance.now() reading", () => {
  const before = Date.now(), at = performance.now(), after = Date.now();
  const t = sampleTime(at);
  assert.ok(t >= before - 2 && t <= after + 2, `${t} not within [${before}, ${after}]`);
  assert.ok(Math.abs(sampleTime(at - 500) - (t - 500)) < 1.5, "an earlier reading maps to a time as much earlier");
});
