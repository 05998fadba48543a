import assert from "node:assert/strict";
import { createServer, type AddressInfo, type Server } from "node:net";
import { after, before, describe, test } from "node:test";
import { startStack, type Stack } from "../../../stack/index.ts";
import { alive, childrenOf, until } from "./processes.ts";

const chat = (base: string) =>
  fetch(`${base}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "hello" }], max_tokens: 4 }),
  });
const refused = (url: string) => assert.rejects(fetch(url, { signal: AbortSignal.timeout(2_000) }), `${url} still answers`);

/** A port that something in this process listens on (close it after). */
async function occupy(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
const portOf = (server: Server) => (server.address() as AddressInfo).port;

describe("startStack on ephemeral ports", () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ ports: "ephemeral", restartDelayMs: 300 });
  });
  after(() => stack.stop());

  test("every component answers /healthz on its port, providers also through their links", async () => {
    const urls = [...Object.values(stack.urls), stack.faults.linkUrl("provider-a"), stack.faults.linkUrl("provider-b")];
    for (const url of urls) assert.equal((await fetch(`${url}/healthz`)).status, 200, url);
    assert.deepEqual(stack.pods.list().map((p) => p.status), ["running", "running"]);
  });

  test("the gateway reaches providers through the controller's links (a fault on provider-a's link fails over to provider-b)", async () => {
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

  test("a pod fault from the controller kills a gateway worker through the pod driver, and it comes back", async () => {
    const res = await fetch(`${stack.urls.faults}/faults`, { method: "POST", body: JSON.stringify({ kind: "pod", target: "ai-service", count: 1 }) });
    assert.equal(res.status, 201);
    await until("a pod restart", () => stack.pods.list().some((p) => p.restarts === 1 && p.status === "running"));
    await until("readiness", async () => (await fetch(`${stack.urls.aiService}/readyz`)).status === 200);
  });

  test("stop() ends every process it started (workers included), closes every port, and is idempotent", async () => {
    const pids = [...Object.values(stack.pids), ...stack.pods.list().flatMap((p) => (p.pid ? [p.pid] : []))];
    assert.equal(pids.length, 5); // two providers, the gateway primary, two workers
    assert.ok(pids.every(alive));
    await Promise.all([stack.stop(), stack.stop()]);
    await stack.stop();
    await until("every stack process to exit", () => pids.every((pid) => !alive(pid)), 5_000);
    assert.deepEqual(childrenOf(process.pid), []);
    for (const url of Object.values(stack.urls)) await refused(`${url}/healthz`);
  });
});

test("a provider that exits before listening fails startStack with its stderr, and nothing is left running", async () => {
  await assert.rejects(
    startStack({ ports: "ephemeral", provider: { outputTokens: 0 } }),
    /provider-a exited before listening \(code 2\): .*--output-tokens must be an integer from 1/,
  );
  assert.deepEqual(childrenOf(process.pid), []);
});

test("a gateway that exits before listening fails startStack, and the providers and the controller are stopped", async () => {
  const probe = await occupy();
  const faultsPort = portOf(probe);
  probe.close();
  await assert.rejects(
    startStack({ ports: { faults: faultsPort }, gatewayArgs: ["--retries", "99"] }),
    /ai-service exited before listening \(code 2\): .*--retries "99": expected an integer from 0 to 10/,
  );
  assert.deepEqual(childrenOf(process.pid), []);
  await refused(`http://127.0.0.1:${faultsPort}/faults`);
});

test("a port in use fails startStack with a sentence saying so and what to do, and stops the rest", async () => {
  const busy = await occupy();
  try {
    for (const name of ["faults", "providerB"] as const) {
      await assert.rejects(
        startStack({ ports: { [name]: portOf(busy) } }),
        new RegExp(`port ${portOf(busy)} is in use: another stack running\\? Stop it, or use free ports`),
        name,
      );
      assert.deepEqual(childrenOf(process.pid), [], name);
    }
  } finally {
    busy.close();
  }
});

test("an unknown fragility switch is refused before anything starts", async () => {
  await assert.rejects(startStack({ ports: "ephemeral", fragile: ["fallbak"] }), /unknown fragility switch "fallbak": accepted are timeouts, retries/);
  assert.deepEqual(childrenOf(process.pid), []);
});
