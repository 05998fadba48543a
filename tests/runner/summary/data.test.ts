import assert from "node:assert/strict";
import { test } from "node:test";
import { finishedRun } from "./fixture.ts";

test("the summary data has exactly k6's keys and shapes", () => {
  const data = finishedRun();
  assert.deepEqual(Object.keys(data), ["root_group", "options", "state", "metrics"]);
  assert.deepEqual(data.options, { summaryTrendStats: ["avg", "min", "med", "max", "p(90)", "p(95)"], summaryTimeUnit: "", noColor: false });
  assert.deepEqual(data.state, { isStdOutTTY: false, isStdErrTTY: true, testRunDurationMs: 4000 });
  assert.deepEqual(Object.keys(data.root_group), ["name", "path", "id", "groups", "checks"]);
  assert.deepEqual(Object.keys(data.root_group.checks[0] ?? {}), ["name", "path", "id", "passes", "fails"]);
  assert.deepEqual(Object.keys(data.metrics.http_reqs ?? {}), ["type", "contains", "values"]);
  assert.deepEqual(data.metrics.http_reqs, { type: "counter", contains: "default", values: { count: 20, rate: 5 } });
  assert.deepEqual(data.metrics.vus, { type: "gauge", contains: "default", values: { value: 3, min: 3, max: 3 } });
  assert.deepEqual(data.metrics.data_received?.contains, "data");
  assert.deepEqual(Object.keys(data.metrics.http_req_duration?.values ?? {}), ["avg", "min", "med", "max", "p(90)", "p(95)"]);
});

test("metrics are the observed ones: with samples or with thresholds", () => {
  const names = Object.keys(finishedRun().metrics);
  assert.deepEqual(names, [
    "ai_ttft", "checks", "data_received", "http_req_duration", "http_req_duration{expected_response:true}",
    "http_req_failed", "http_req_failed{phase:during}", "http_reqs", "vus",
  ]);
});

test("thresholds report ok per expression, only on metrics that have them", () => {
  const data = finishedRun();
  assert.deepEqual(data.metrics.http_req_duration?.thresholds, { "p(95)<500": { ok: true }, "p(99.9)<900": { ok: true } });
  assert.deepEqual(data.metrics["http_req_failed{phase:during}"]?.thresholds, { "rate<0.1": { ok: false } });
  assert.deepEqual(data.metrics["http_req_failed{phase:during}"]?.values, { rate: 0.2, passes: 2, fails: 8 });
  assert.equal(data.metrics.http_reqs?.thresholds, undefined);
});

test("summaryTrendStats choose the trend keys, count included", () => {
  const data = finishedRun({ summaryTrendStats: ["count", "p(99.9)", "max"] });
  assert.deepEqual(data.metrics.ai_ttft?.values, { count: 20, "p(99.9)": 68.981, max: 69 });
});

test("setup_data is a JSON copy, present only when setup returned something", () => {
  const setupData = { model: "m", when: new Date(0) };
  const data = finishedRun({ setupData });
  assert.deepEqual(data.setup_data, { model: "m", when: "1970-01-01T00:00:00.000Z" });
  assert.equal("setup_data" in finishedRun(), false);
  assert.equal(finishedRun({ setupData: null }).setup_data, null);
});

test("the checks' tallies reach root_group", () => {
  assert.deepEqual(finishedRun().root_group.checks.map((c) => [c.name, c.passes, c.fails]), [["status is 200", 16, 4]]);
});
