import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { startStack, type Stack } from "../../../stack/index.ts";

const chat = (base: string) =>
  fetch(`${base}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "hello" }], max_tokens: 4 }),
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await delay(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe("startStack", () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ ports: "ephemeral", restartDelayMs: 300 });
  });
  after(() => stack.stop());

  test("every component answers on its ephemeral port", async () => {
    for (const url of [stack.urls.aiService, stack.urls.faults, stack.urls.providerA, stack.urls.providerB]) {
      assert.equal((await fetch(`${url}/healthz`)).status, 200, url);
    }
    assert.deepEqual(stack.pods.list().map((p) => p.status), ["running", "running"]);
  });

  test("the gateway reaches providers only through the controller's links", async () => {
    assert.equal((await chat(stack.urls.aiService)).headers.get("x-provider"), "provider-a");
    const fault = await fetch(`${stack.urls.faults}/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "http", target: "provider-a", duration: "5s", errorRate: 1, errorCode: 503 }),
    });
    assert.equal(fault.status, 201);
    const res = await chat(stack.urls.aiService);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    await stack.faults.reset();
  });

  test("a pod fault from the controller kills a gateway worker, which comes back", async () => {
    const res = await fetch(`${stack.urls.faults}/faults`, { method: "POST", body: JSON.stringify({ kind: "pod", target: "ai-service", count: 1 }) });
    assert.equal(res.status, 201);
    await until("a pod restart", () => stack.pods.list().some((p) => p.restarts === 1 && p.status === "running"));
    await until("readiness", async () => (await fetch(`${stack.urls.aiService}/readyz`)).status === 200);
  });
});

test("stop() leaves no process behind", async () => {
  const stack = await startStack({ ports: "ephemeral", replicas: 1 });
  const pids = stack.pods.list().map((p) => p.pid).filter((p): p is number => p !== null);
  assert.equal(pids.length, 1);
  await stack.stop();
  await stack.stop(); // idempotent
  await until("workers to exit", () => pids.every((pid) => !alive(pid)), 5_000);
  await assert.rejects(fetch(`${stack.urls.providerA}/healthz`));
});

test("a component that cannot start fails startStack with a clear message and stops the rest", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(9001, "127.0.0.1", resolve));
  try {
    await assert.rejects(startStack({ ports: "default" }), /provider-a exited before listening .*port is in use/);
    // provider-b (9002) was started and must have been stopped again.
    await assert.rejects(fetch("http://127.0.0.1:9002/healthz"));
  } finally {
    blocker.close();
  }
});

test("an unknown fragility switch is refused before anything starts", async () => {
  await assert.rejects(startStack({ ports: "ephemeral", fragile: ["fallbak"] }), /unknown fragility switch "fallbak": accepted are timeouts, retries/);
});
