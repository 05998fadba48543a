// Every scenario, at the smoke profile, passes against the resilient reference stack: the
// "pass" half of the proof (tests/matrix holds the "fail" half). One stack for the whole suite;
// each run starts with no fault left and every pod back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";
import { startStack, type Stack } from "../../stack/index.ts";
import { firstRunNote, runScenario, runTwiceIfNeeded, SCENARIOS, waitFor200 } from "./harness.ts";

let stack: Stack;

before(async () => {
  await buildScenarios({ flavors: ["local"] });
  // STACK_LOG=<file> keeps the stack's JSON logs, to see what a failing scenario's errors were.
  stack = await startStack({ ports: "ephemeral", ...(process.env.STACK_LOG ? { log: process.env.STACK_LOG } : {}) });
});

after(async () => {
  await stack?.stop();
});

for (const scenario of SCENARIOS) {
  test(`${scenario} passes against the resilient stack`, { timeout: 300_000 }, async (t) => {
    const runs = await runTwiceIfNeeded(async () => {
      await fetch(`${stack.urls.faults}/reset`, { method: "POST" });
      await waitFor200(`${stack.urls.aiService}/readyz`);
      return runScenario(scenario, { baseUrl: stack.urls.aiService, faultsUrl: stack.urls.faults });
    }, (r) => r.code === 0);
    const result = runs.at(-1)!;
    const note = firstRunNote(runs);
    if (note) t.diagnostic(note);
    assert.equal(result.code, 0, `${scenario} exited ${result.code} in ${Math.round(result.wallMs / 1_000)}s, breaching ${result.breachedExpressions.join("; ")}\n${result.tail}`);
  });
}
