// A fault that lands on nothing makes the verdict inconclusive, end to end: the reference gateway
// is started so that it never calls provider-a (harness.ts startStackBypassing: its provider-a is
// provider-b's link), so provider-outage's drop of provider-a's link affects nothing. The run must
// breach only `ai_fault_affected{fault:disrupt#1}` count>=1 (every other threshold holds, for want of a
// fault), which `npm run chaos`'s one runner of a scenario calls inconclusive.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";
import type { Stack } from "../../stack/index.ts";
import { breachedKeys, describeRun, runSmoke, startStackBypassing, waitFor200 } from "./harness.ts";

let stack: Stack;

before(async () => {
  await buildScenarios({ names: ["provider-outage"], flavors: ["local"] });
  stack = await startStackBypassing("provider-a");
  await waitFor200(`${stack.urls.aiService}/readyz`);
});

after(async () => {
  await stack?.stop();
});

test("provider-outage against a gateway that never calls provider-a breaches only ai_fault_affected{fault:disrupt#1}: inconclusive", { timeout: 180_000 }, async () => {
  const result = await runSmoke("provider-outage", stack.urls);
  assert.deepEqual([result.exitCode, breachedKeys(result)], [99, ["ai_fault_affected{fault:disrupt#1}"]], describeRun(result));
  assert.equal(result.verdict, "inconclusive", result.reason);
  assert.match(result.reason, /the fault disrupt#1 landed on nothing \(affected 0\)/);
});
