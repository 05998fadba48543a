import assert from "node:assert/strict";
import { test } from "node:test";
import type { Breach, ScenarioResult } from "../../scripts/chaos/types.ts";
import { breachedExpressions, breachedKeys, SCENARIOS, startStackBypassing } from "./harness.ts";

const result = (exitCode: number, breaches: Breach[] = []): ScenarioResult => ({
  name: "s", category: "uncategorized", verdict: exitCode === 0 ? "passed" : "failed", exitCode, reason: "", breaches, figures: {}, durationMs: 1, files: [],
});

test("breached threshold keys are the one runner's breaches, one per key, sorted; expressions name each", () => {
  // As verdict.ts reads them from the summary export: metric keys in order, each breached expression.
  const r = result(99, [
    { metric: "ai_req_failed{phase:during}", threshold: "rate<0.02", observed: 0.3 },
    { metric: "http_req_duration{kind:chat}", threshold: "max<7000", observed: 9000 },
    { metric: "http_req_duration{kind:chat}", threshold: "p(99)<5000", observed: 8000 },
  ]);
  assert.deepEqual(breachedKeys(r), ["ai_req_failed{phase:during}", "http_req_duration{kind:chat}"]);
  assert.deepEqual(breachedExpressions(r), ["ai_req_failed{phase:during}: rate<0.02", "http_req_duration{kind:chat}: max<7000", "http_req_duration{kind:chat}: p(99)<5000"]);
  assert.deepEqual(breachedKeys(result(0)), []);
});

test("the suites see every scenario file", () => {
  assert.ok(SCENARIOS.includes("baseline") && SCENARIOS.length >= 15, SCENARIOS.join(", "));
});


test("a stack bypassing provider-a answers chat from provider-b, so a fault on provider-a affects nothing", { timeout: 60_000 }, async () => {
  const stack = await startStackBypassing("provider-a");
  try {
    const api = (path: string, init?: RequestInit) => fetch(`${stack.urls.faults}${path}`, init).then((r) => r.json() as Promise<Record<string, unknown>>);
    const fault = await api("/faults", { method: "POST", body: JSON.stringify({ kind: "http", target: "provider-a", duration: "20s", errorRate: 1, errorCode: 503 }) });
    const chat = { model: "mock-llm", messages: [{ role: "user", content: "hi" }] };
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.urls.aiService}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chat) });
      assert.equal(res.status, 200, await res.text());
    }
    // Under the ordinary stack each request would first meet the 503 on provider-a: affected 3.
    assert.equal((await api(`/faults/${String(fault.id)}`)).affected, 0);
  } finally {
    await stack.stop();
  }
});
