import assert from "node:assert/strict";
import { test } from "node:test";
import { summaryExport, summaryExportJson } from "../../../runner/summary/export.ts";
import { finishedRun } from "./fixture.ts";

type Exported = { metrics: Record<string, Record<string, unknown>>; root_group: Record<string, unknown> } & Record<string, unknown>;

test("the export drops options and state and flattens each metric to its values", () => {
  const out = summaryExport(finishedRun({ setupData: [1] })) as Exported;
  assert.deepEqual(Object.keys(out), ["root_group", "metrics", "setup_data"]);
  assert.deepEqual(out.metrics.http_reqs, { count: 20, rate: 5 });
  assert.deepEqual(out.metrics.vus, { value: 3, min: 3, max: 3 });
});

test("a rate's `rate` becomes `value`, and thresholds map to true when they FAILED", () => {
  const out = summaryExport(finishedRun()) as Exported;
  assert.deepEqual(out.metrics["http_req_failed{phase:during}"], { passes: 2, fails: 8, thresholds: { "rate<0.1": true }, value: 0.2 });
  assert.deepEqual(out.metrics.http_req_duration?.thresholds, { "p(95)<500": false, "p(99.9)<900": false });
  assert.equal(out.metrics.http_req_failed?.rate, undefined);
});

test("groups and checks become objects keyed by name", () => {
  const out = summaryExport(finishedRun()) as Exported;
  assert.deepEqual(out.root_group.groups, {});
  assert.deepEqual(Object.keys(out.root_group.checks as object), ["status is 200"]);
  assert.equal((out.root_group.checks as Record<string, { passes: number }>)["status is 200"]?.passes, 16);
});

test("the export text is pretty-printed with four spaces and leaves the data untouched", () => {
  const data = finishedRun();
  const text = summaryExportJson(data);
  assert.match(text, /^\{\n {4}"root_group": \{\n {8}"name": ""/);
  assert.ok(Array.isArray(data.root_group.checks));
  assert.ok(data.metrics.http_reqs?.values);
});
