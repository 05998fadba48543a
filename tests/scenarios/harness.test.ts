import assert from "node:assert/strict";
import { test } from "node:test";
import { breachedThresholds, SCENARIOS } from "./harness.ts";

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
