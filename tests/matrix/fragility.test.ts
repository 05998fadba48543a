// The fragility matrix: the reference gateway with one resilience mechanism switched off must
// fail the scenarios built to catch it (exit 99, the expected threshold among the breached).
// CI runs this "must fail" side for every switch (~18 runs of ~26 s). MATRIX_FULL=1 runs the
// whole cross-product instead, every scenario against every switch, and also demands that the
// scenarios not listed for a switch pass ("and no others"); MATRIX_REPORT=<file> writes the
// observed verdicts as JSON for the README's matrix table.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";
import { FRAGILITY_SWITCHES, type FragilitySwitch } from "../../stack/gateway/fragility.ts";
import { startStack, type Stack } from "../../stack/index.ts";
import { runScenario, firstRunNote, runTwiceIfNeeded, SCENARIOS, waitFor200, type RunResult } from "../scenarios/harness.ts";
import { MAY_CATCH, MUST_CATCH, thresholdsOf } from "./expectations.ts";

const FULL = process.env.MATRIX_FULL === "1";
const observed: Array<{ fragile: FragilitySwitch; expected: "fail" | "pass" | "either" } & RunResult> = [];

before(async () => {
  await buildScenarios({ flavors: ["local"] });
});

after(() => {
  const file = process.env.MATRIX_REPORT;
  if (file) writeFileSync(file, `${JSON.stringify(observed.map(({ tail: _tail, ...row }) => row), null, 2)}\n`);
});

for (const sw of FRAGILITY_SWITCHES) {
  describe(`--fragile=${sw}`, () => {
    let stack: Stack;
    const start = async () => {
      stack = await startStack({ fragile: [sw], ports: "ephemeral" });
    };
    before(start);
    after(async () => {
      await stack?.stop();
    });

    const runsOf = new Map<string, number>();

    // Each run starts from a settled stack: no fault left, every pod ready. A stack the previous
    // run left broken for good (a killed pod under --fragile=restart) is replaced by a fresh one.
    async function run(scenario: string): Promise<RunResult> {
      await fetch(`${stack.urls.faults}/reset`, { method: "POST" });
      try {
        await waitFor200(`${stack.urls.aiService}/readyz`, 10_000);
      } catch {
        await stack.stop();
        await start();
      }
      // A re-run keeps its own summary copy (….run2.json) beside the first run's.
      const nth = (runsOf.get(scenario) ?? 0) + 1;
      runsOf.set(scenario, nth);
      const keep = process.env.MATRIX_REPORT ? `${process.env.MATRIX_REPORT}.${sw}.${scenario}${nth > 1 ? `.run${nth}` : ""}.json` : undefined;
      return runScenario(scenario, { baseUrl: stack.urls.aiService, faultsUrl: stack.urls.faults }, {}, keep);
    }

    const catches = MUST_CATCH[sw];
    for (const c of catches) {
      const expected = thresholdsOf(c);
      test(`${c.scenario} fails, breaching ${expected.join(" or ")}`, { timeout: 300_000 }, async (t) => {
        const caught = (r: RunResult) => r.code === 99 && expected.some((k) => r.breached.includes(k));
        const runs = await runTwiceIfNeeded(() => run(c.scenario), caught);
        for (const r of runs) observed.push({ fragile: sw, expected: "fail", ...r });
        const note = firstRunNote(runs);
        if (note) t.diagnostic(note);
        const result = runs.at(-1)!;
        assert.equal(result.code, 99, `${c.scenario} against --fragile=${sw} exited ${result.code}, not 99 (thresholds breached)\n${result.tail}`);
        assert.ok(expected.some((t) => result.breached.includes(t)), `${c.scenario} against --fragile=${sw} breached ${result.breachedExpressions.join("; ")}, not ${expected.join(" or ")}`);
      });
    }

    if (FULL) {
      const either = (MAY_CATCH[sw] ?? []).map((m) => m.scenario);
      for (const scenario of SCENARIOS.filter((s) => !catches.some((c) => c.scenario === s))) {
        const may = either.includes(scenario);
        test(`${scenario} ${may ? "may fail or pass" : "passes"} (--fragile=${sw})`, { timeout: 180_000 }, async () => {
          const result = await run(scenario);
          observed.push({ fragile: sw, expected: may ? "either" : "pass", ...result });
          if (may) assert.ok(result.code === 0 || result.code === 99, `${scenario} against --fragile=${sw} exited ${result.code}\n${result.tail}`);
          else assert.equal(result.code, 0, `${scenario} against --fragile=${sw} exited ${result.code}, breaching ${result.breachedExpressions.join("; ")}\n${result.tail}`);
        });
      }
    }
  });
}
