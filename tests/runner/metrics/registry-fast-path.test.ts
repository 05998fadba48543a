import assert from "node:assert/strict";
import { test } from "node:test";
import { MetricRegistry, type Sample } from "../../../runner/metrics/registry.ts";
import { VU } from "../../../runner/vu/vu.ts";
import type { Runtime } from "../../../runner/vu/runtime.ts";

test("onSample with metric names hears only those metrics; unsubscribing stops it", () => {
  const r = new MetricRegistry();
  const heard: string[] = [], all: string[] = [];
  const off = r.onSample((s: Sample) => heard.push(s.metric), ["checks"]);
  r.onSample((s) => all.push(s.metric));
  r.add("http_reqs", 1, {});
  r.add("checks", 1, { check: "a" });
  off();
  r.add("checks", 0, { check: "a" });
  assert.deepEqual(heard, ["checks"]);
  assert.deepEqual(all, ["http_reqs", "checks", "checks"]);
});

test("submetric matches cached per frozen tag set stay right, also for a submetric added later", () => {
  const r = new MetricRegistry();
  const a = r.addSubmetric("http_reqs{status:200}");
  const tags = Object.freeze({ status: "200", method: "GET" });
  r.add("http_reqs", 1, tags);
  r.add("http_reqs", 1, Object.freeze({ status: "500" }));
  const b = r.addSubmetric("http_reqs{method:GET}");
  r.add("http_reqs", 1, tags);
  const open = { status: "500" } as Record<string, string>;
  r.add("http_reqs", 1, open);
  open.status = "200";
  r.add("http_reqs", 1, open);
  assert.equal(r.values(a, 1000)?.count, 3);
  assert.equal(r.values(b, 1000)?.count, 1);
  assert.deepEqual(r.observed(), ["http_reqs", a, b]);
});

test("a VU's tag set is reused until exec.vu.metrics.tags, the group or the scenario change", () => {
  const runtime = { env: {}, runTags: { env: "ci" } } as unknown as Runtime;
  const vu = new VU(1, runtime, { __k6ExpectedStatuses: [] });
  const first = vu.currentTags();
  assert.ok(Object.isFrozen(first));
  assert.equal(vu.currentTags(), first);
  vu.tags.team = 7 as unknown as string;
  const second = vu.currentTags();
  assert.deepEqual({ ...second }, { env: "ci", group: "", team: "7" });
  delete vu.tags.team;
  assert.deepEqual({ ...vu.currentTags() }, { env: "ci", group: "" });
  vu.group = "::g";
  assert.equal(vu.currentTags().group, "::g");
});
