// Every scenario, at the smoke profile, passes against the resilient reference stack: the
// "pass" half of the proof (tests/matrix holds the "fail" half). One stack for the whole suite;
// each run starts with no fault left and every pod back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";
import { resetFaults } from "../../scripts/chaos/target.ts";
import { startStack, type Stack } from "../../stack/index.ts";
import { describeRun, runSmoke, SCENARIOS, waitFor200 } from "./harness.ts";

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
  // One run, one verdict: the smoke profile's budgets are sized so that chance alone rarely
  // decides it (thresholds/README.md), and a flaky verdict is a defect to find, not to retry.
  test(`${scenario} passes against the resilient stack`, { timeout: 300_000 }, async () => {
    await resetFaults(stack.urls.faults);
    await waitFor200(`${stack.urls.aiService}/readyz`);
    const result = await runSmoke(scenario, stack.urls);
    assert.equal(result.exitCode, 0, `${scenario} ${describeRun(result)}`);
  });
}
