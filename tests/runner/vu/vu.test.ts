import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_EXPECTED } from "../../../runner/modules/http/expected.ts";
import type { Runtime, ScenarioInfo } from "../../../runner/vu/runtime.ts";
import { VU } from "../../../runner/vu/vu.ts";

const vu = () => new VU(1, { runTags: { testid: "t1" }, env: {} } as unknown as Runtime, DEFAULT_EXPECTED);

test("tagsWith adds a sample's tags (as strings) to the VU's, frozen, the same object for the same tags", () => {
  const v = vu();
  v.tags.region = "eu";
  const a = v.tagsWith({ phase: "before", n: 1 });
  assert.deepEqual({ ...a }, { testid: "t1", group: "", region: "eu", phase: "before", n: "1" });
  assert.ok(Object.isFrozen(a));
  assert.equal(v.tagsWith({ phase: "before", n: 1 }), a, "another object with the same tags");
  assert.deepEqual({ ...v.tagsWith({ phase: "x" }, "status ok") }, { testid: "t1", group: "", region: "eu", phase: "x", check: "status ok" });
  assert.equal(v.tagsWith(undefined), v.currentTags());
});

test("tagsWith sees a tags object changed in place, and the VU's own tags changing", () => {
  const v = vu();
  const extra: Record<string, unknown> = { phase: "before" };
  const a = v.tagsWith(extra);
  extra.phase = "during";
  assert.equal(v.tagsWith(extra).phase, "during");
  extra.kind = "chat";
  assert.equal(v.tagsWith(extra).kind, "chat");
  delete extra.kind;
  assert.equal(v.tagsWith(extra).kind, undefined);
  v.tags.region = "us";
  assert.equal(v.tagsWith({ phase: "before" }).region, "us");
  assert.notEqual(v.tagsWith({ phase: "before" }), a);
});

test("a VU counts its iterations per scenario, across scenarios taking turns (exec.vu.iterationInScenario)", () => {
  const v = vu();
  let n = 0;
  const scenario = (name: string) => ({ name, nextIteration: () => n++ }) as unknown as ScenarioInfo;
  const a = scenario("a"), b = scenario("b");
  const seen = [a, a, b, a, b, b].map((s) => {
    v.beginIteration(s);
    return `${s === a ? "a" : "b"}${v.iterInScenario}`;
  });
  assert.deepEqual(seen, ["a0", "a1", "b0", "a2", "b1", "b2"]);
  assert.equal(v.iterInInstance, 5);
});
