import assert from "node:assert/strict";
import { test } from "node:test";
import { integralTo, stepAt } from "../../../runner/executors/stages.ts";

const up = [{ duration: 1000, target: 4 }, { duration: 1000, target: 0 }];

test("a ramp up adds each VU when the line reaches it (floor)", () => {
  assert.deepEqual([0, 240, 250, 999].map((t) => stepAt(up, 0, t)), [0, 0, 1, 3]);
});

test("a ramp down removes each VU when the line reaches the next lower count (ceil)", () => {
  assert.deepEqual([1000, 1240, 1250, 1999, 2500].map((t) => stepAt(up, 0, t)), [4, 4, 3, 1, 0]);
});

test("the rate integral counts iterations due: 0→20/s over 1 s then 20/s for 1 s is 30", () => {
  const stages = [{ duration: 1000, target: 20 }, { duration: 1000, target: 20 }];
  assert.equal(integralTo(stages, 0, 2000) / 1000, 30);
  assert.equal(integralTo(stages, 0, 500) / 1000, 2.5);
});
