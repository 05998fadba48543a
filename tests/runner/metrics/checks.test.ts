import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { CheckTracker } from "../../../runner/metrics/checks.ts";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";

const md5 = (s: string): string => createHash("md5").update(s).digest("hex");

test("a check outcome is a checks sample of 1 or 0 tagged with the check name", () => {
  const r = new MetricRegistry();
  const c = new CheckTracker(r);
  const tags: Record<string, string>[] = [];
  r.onSample((s) => s.metric === "checks" && tags.push(s.tags));
  c.record("status is 200", true, { scenario: "load", group: "" });
  c.record("status is 200", false, { scenario: "load", group: "" });
  assert.deepEqual(r.values("checks", 1000), { rate: 0.5, passes: 1, fails: 1 });
  assert.deepEqual(tags[0], { scenario: "load", group: "", check: "status is 200" });
});

test("checks are tallied per name with k6's path and md5 id", () => {
  const r = new MetricRegistry();
  const c = new CheckTracker(r);
  for (const ok of [true, true, false]) c.record("body is json", ok, { group: "" });
  c.record("has usage", true, {});
  assert.deepEqual(c.list(), [
    { name: "body is json", path: "::body is json", id: md5("::body is json"), passes: 2, fails: 1 },
    { name: "has usage", path: "::has usage", id: md5("::has usage"), passes: 1, fails: 0 },
  ]);
});

test("checks inside groups build k6's nested group tree", () => {
  const r = new MetricRegistry();
  const c = new CheckTracker(r);
  c.record("ok", true, { group: "::outer::inner" });
  r.add("group_duration", 5, { group: "::other" });
  const root = c.rootGroup();
  assert.equal(root.id, "d41d8cd98f00b204e9800998ecf8427e");
  assert.deepEqual(root.groups.map((g) => g.path), ["::outer", "::other"]);
  const inner = root.groups[0]?.groups[0];
  assert.equal(inner?.id, md5("::outer::inner"));
  assert.deepEqual(inner?.checks.map((x) => [x.path, x.passes]), [["::outer::inner::ok", 1]]);
  assert.deepEqual(root.checks, []);
});
