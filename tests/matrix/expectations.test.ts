// The matrix's own shape: no switch without a catching scenario, no scenario outside CONTROLS
// that catches nothing (and none in it that does), and no expectation naming a scenario or a
// switch that does not exist.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { FRAGILITY_SWITCHES } from "../../stack/gateway/fragility.ts";
import { SCENARIOS } from "../scenarios/harness.ts";
import { catchesTable, switchTable } from "./catches-table.ts";
import { CONTROLS, MAY_CATCH, MUST_CATCH, thresholdsOf } from "./expectations.ts";

test("every fragility switch is caught by at least one scenario", () => {
  assert.deepEqual(Object.keys(MUST_CATCH).sort(), [...FRAGILITY_SWITCHES].sort());
  for (const sw of FRAGILITY_SWITCHES) assert.ok(MUST_CATCH[sw].length > 0, `${sw} is caught by no scenario`);
});

test("every scenario but the controls catches at least one switch", () => {
  const catching = new Set(Object.values(MUST_CATCH).flatMap((list) => list.map((c) => c.scenario)));
  for (const scenario of CONTROLS) assert.ok(SCENARIOS.includes(scenario), `unknown control ${scenario}`);
  for (const scenario of SCENARIOS) {
    if (CONTROLS.includes(scenario)) assert.equal(catching.has(scenario), false, `${scenario} catches a switch now: take it out of CONTROLS`);
    else assert.ok(catching.has(scenario), `${scenario} catches no fragility switch: sharpen its thresholds or drop it`);
  }
});

test("expectations name only existing scenarios and k6 threshold keys", () => {
  for (const list of Object.values(MUST_CATCH)) {
    for (const c of list) {
      assert.ok(SCENARIOS.includes(c.scenario), `unknown scenario ${c.scenario}`);
      for (const key of thresholdsOf(c)) assert.match(key, /^[a-z_]+(\{[a-z_]+:[^,{}]+(,[a-z_]+:[^,{}]+)*\})?$/, key);
    }
  }
});

test("a may-catch is never also a must-catch of the same switch", () => {
  for (const [sw, list] of Object.entries(MAY_CATCH)) {
    for (const m of list ?? []) assert.equal(MUST_CATCH[sw as keyof typeof MUST_CATCH].some((c) => c.scenario === m.scenario), false, `${sw}/${m.scenario}`);
  }
});

test("scenarios/README.md shows the catches table these expectations generate", async () => {
  const readme = await readFile(new URL("../../scenarios/README.md", import.meta.url), "utf8");
  assert.ok(readme.includes(catchesTable()), "scenarios/README.md is stale: paste `node --import tsx tests/matrix/catches-table.ts` under \"Expected catches\"");
});

test("README.md's switch table lists exactly the must-catch scenarios of each switch", async () => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  assert.ok(readme.includes(switchTable()), "README.md's switch table is stale: paste the last table `node --import tsx tests/matrix/catches-table.ts` prints");
});
