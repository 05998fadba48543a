import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../../runner/errors.ts";
import { applyTier, deriveScenarios } from "../../../runner/options/consolidate.ts";
import { envTier } from "../../../runner/options/env.ts";

const noWarn = () => undefined;

test("a higher tier setting duration replaces the lower tier's scenarios, iterations and stages", () => {
  const script = { scenarios: { main: { executor: "constant-vus" } }, vus: 5 };
  const merged = applyTier(script, { duration: 10_000 });
  assert.equal(merged.scenarios, undefined);
  assert.equal(merged.duration, 10_000);
  assert.equal(merged.vus, 5, "vus is not an execution shortcut: it survives");
});

test("a higher tier without execution options keeps the lower tier's scenarios", () => {
  const scenarios = { main: { executor: "constant-vus" } };
  assert.equal(applyTier({ scenarios }, { vus: 3 }).scenarios, scenarios);
});

test("precedence is flag over K6_* env over script", () => {
  const env = envTier({ K6_VUS: "4", K6_ITERATIONS: "8" });
  assert.deepEqual(applyTier(applyTier({ vus: 1, iterations: 2 }, env), { vus: 6 }), { vus: 6, iterations: 8 });
});

test("shortcuts derive k6's default scenario", () => {
  assert.deepEqual(deriveScenarios({}, noWarn), { default: { executor: "per-vu-iterations", vus: 1, iterations: 1 } });
  assert.deepEqual(deriveScenarios({ vus: 3 }, noWarn), { default: { executor: "shared-iterations", vus: 3, iterations: 3 } });
  assert.deepEqual(deriveScenarios({ iterations: 5, duration: 2000 }, noWarn), { default: { executor: "shared-iterations", vus: 1, iterations: 5, maxDuration: 2000 } });
  assert.deepEqual(deriveScenarios({ vus: 2, duration: 1000 }, noWarn), { default: { executor: "constant-vus", vus: 2, duration: 1000 } });
  const stages = [{ duration: 1000, target: 3 }];
  assert.deepEqual(deriveScenarios({ vus: 2, stages }, noWarn), { default: { executor: "ramping-vus", startVUs: 2, stages } });
});

test("shortcuts together with scenarios, or with each other, are invalid config", () => {
  assert.throws(() => deriveScenarios({ iterations: 2, stages: [] }, noWarn), ConfigError);
  assert.throws(() => deriveScenarios({ duration: 1000, scenarios: {} }, noWarn), ConfigError);
});
