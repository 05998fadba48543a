// Every scenario, at the smoke profile, passes against the resilient reference stack: the
// "pass" half of the proof (tests/matrix holds the "fail" half). One stack for the whole suite;
// each run starts with no fault left and every pod back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";
import { startStack, type Stack } from "../../stack/index.ts";
import { RUN_ENV, runScenario, SCENARIOS, STACK_GATEWAY_ARGS, waitFor200 } from "./harness.ts";

let stack: Stack;

before(async () => {
  await buildScenarios({ flavors: ["local"] });
  stack = await startStack({ ports: "ephemeral", gatewayArgs: [...STACK_GATEWAY_ARGS] });
});

after(async () => {
  await stack?.stop();
});

for (const scenario of SCENARIOS) {
  test(`${scenario} passes against the resilient stack`, { timeout: 180_000 }, async () => {
    await fetch(`${stack.urls.faults}/reset`, { method: "POST" });
    await waitFor200(`${stack.urls.aiService}/readyz`);
    const result = await runScenario(scenario, { baseUrl: stack.urls.aiService, faultsUrl: stack.urls.faults }, { ...RUN_ENV });
    assert.equal(result.code, 0, `${scenario} exited ${result.code} in ${Math.round(result.wallMs / 1_000)}s, breaching ${result.breachedExpressions.join("; ")}\n${result.tail}`);
  });
}
