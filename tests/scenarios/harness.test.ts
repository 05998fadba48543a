import assert from "node:assert/strict";
import { test } from "node:test";
import { breachedThresholds, firstRunNote, runTwiceIfNeeded, SCENARIOS, type RunResult } from "./harness.ts";

test("breached thresholds are read from the legacy summary export, where true means failed", () => {
  const summary = {
    metrics: {
      "ai_req_failed{phase:during}": { value: 0.3, thresholds: { "rate<0.02": true } },
      ai_errors_well_formed: { value: 1, thresholds: { "rate>=0.99": false } },
      "http_req_duration{kind:chat}": { max: 9000, thresholds: { "max<7000": true, "max<15000": false } },
      http_reqs: { count: 10 },
    },
  };
  assert.deepEqual(breachedThresholds(summary), {
    keys: ["ai_req_failed{phase:during}", "http_req_duration{kind:chat}"],
    expressions: ["ai_req_failed{phase:during}: rate<0.02", "http_req_duration{kind:chat}: max<7000"],
  });
  assert.deepEqual(breachedThresholds(null), { keys: [], expressions: [] });
});

test("the suites see every scenario file", () => {
  assert.ok(SCENARIOS.includes("baseline") && SCENARIOS.length >= 15, SCENARIOS.join(", "));
});

const result = (code: number, breachedExpressions: string[] = []): RunResult => ({ scenario: "s", code, breached: [], breachedExpressions, wallMs: 1, tail: "" });

test("a verdict off the expected is run once more and both runs are returned; an expected one runs once", async () => {
  const codes = [99, 0];
  let calls = 0;
  const runs = await runTwiceIfNeeded(async () => result(codes[calls++]!), (r) => r.code === 0);
  assert.deepEqual(runs.map((r) => r.code), [99, 0]);
  calls = 1;
  assert.deepEqual((await runTwiceIfNeeded(async () => result(codes[calls++]!), (r) => r.code === 0)).length, 1);
});

test("the first-run note names the first run's exit and breaches, and is absent when one run sufficed", () => {
  assert.equal(firstRunNote([result(99, ["ai_req_unanswered{phase:during}: rate<0.02"]), result(0)]), "first run exited 99, breaching ai_req_unanswered{phase:during}: rate<0.02; run again");
  assert.equal(firstRunNote([result(0), result(99)]), "first run exited 0, breaching nothing; run again");
  assert.equal(firstRunNote([result(0)]), undefined);
});
