// Network faults on a provider's link, each observed from a client: drop and blackhole time the
// caller out, latency and bandwidth slow it, reset cuts it, and ending a fault restores traffic.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { api, get, startRig, wait, type Rig } from "../harness.ts";

let rig: Rig;
before(async () => (rig = await startRig()));
after(() => rig.close());

const network = (extra: Record<string, unknown>) => api(rig.fc, "POST", "/faults", { kind: "network", target: "provider-b", duration: "300ms", ...extra });

test("drop: new and existing connections get no data, then traffic resumes when the fault ends", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.equal((await get(`${rig.linkB}/x`, { agent })).status, 200);
    assert.equal((await network({ action: "drop", duration: "400ms" })).status, 201);
    await assert.rejects(get(`${rig.linkB}/x`, { timeoutMs: 150 }), { code: "TIMEOUT" });
    // The pooled connection stalls during the drop and delivers once it ends (like TCP retransmits).
    const stalled = await get(`${rig.linkB}/x`, { agent, timeoutMs: 3_000 });
    assert.equal(stalled.status, 200);
    assert.ok(stalled.ms > 100, `the stalled request took ${stalled.ms}ms`);
    assert.equal((await get(`${rig.linkB}/x`, { timeoutMs: 500 })).status, 200);
  } finally {
    agent.destroy();
  }
});

test("blackhole: requests are read and never answered; new connections work once it ends", async () => {
  await network({ action: "blackhole" });
  await assert.rejects(get(`${rig.linkB}/x`, { timeoutMs: 150 }), { code: "TIMEOUT" });
  // A connection whose request was swallowed cannot be repaired: it is closed when the fault ends.
  await assert.rejects(get(`${rig.linkB}/x`, { timeoutMs: 3_000 }), (err: NodeJS.ErrnoException) => err.code !== "TIMEOUT");
  assert.equal((await get(`${rig.linkB}/x`, { timeoutMs: 500 })).status, 200);
});

test("latency adds latency ± jitter to data each way, and stops when the fault ends", async () => {
  await network({ action: "latency", latency: "100ms", jitter: "10ms" });
  const slow = await get(`${rig.linkB}/x`);
  assert.equal(slow.status, 200);
  assert.ok(slow.ms >= 180, `took ${slow.ms}ms with 100ms each way`);
  assert.ok((await get(`${rig.linkA}/x`)).ms < 150, "provider-a is untouched");
  await wait(350);
  assert.ok((await get(`${rig.linkB}/x`)).ms < 150, "latency ends with the lease");
});

test("bandwidth caps the downstream rate so a large body slows down", async () => {
  const fast = await get(`${rig.linkB}/big?bytes=60000`);
  assert.ok(fast.ms < 300, `uncapped took ${fast.ms}ms`);
  await network({ action: "bandwidth", rate: 100_000, duration: "3s" });
  const slow = await get(`${rig.linkB}/big?bytes=60000`);
  assert.equal(slow.body.length, 60_000);
  assert.ok(slow.ms >= 500, `60kB at 100kB/s took ${slow.ms}ms`);
  await rig.fc.reset();
});

test("reset with probability 1 resets connections (ECONNRESET); probability 0 resets none", async () => {
  await network({ action: "reset", probability: 1 });
  await assert.rejects(get(`${rig.linkB}/x`), { code: "ECONNRESET" });
  await rig.fc.reset();
  await network({ action: "reset", probability: 0 });
  assert.equal((await get(`${rig.linkB}/x`)).status, 200);
  await rig.fc.reset();
});

test("reset rolls per request: on one kept-alive connection, spared requests do not spare the next ones", async () => {
  await network({ action: "reset", probability: 0.5, duration: "10s" });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let resets = 0;
  let answered = 0;
  try {
    for (let i = 0; i < 40; i++) {
      await get(`${rig.linkB}/x`, { agent }).then(() => (answered += 1), () => (resets += 1));
    }
  } finally {
    agent.destroy();
    await rig.fc.reset();
  }
  // Binomial(40, 0.5): fewer than 6 of either is a 1-in-a-million draw. Rolled once per connection,
  // the first spared connection would answer every request after it.
  assert.ok(resets >= 6 && answered >= 6, `${resets} reset, ${answered} answered`);
});

test("reset afterBytes cuts an SSE stream mid-way with ECONNRESET", async () => {
  await network({ action: "reset", probability: 1, afterBytes: 400, duration: "3s" });
  const { received, error } = await new Promise<{ received: string; error: NodeJS.ErrnoException }>((resolve) => {
    let received = "";
    const req = http.get(`${rig.linkB}/sse?events=20&intervalMs=10`, { agent: false }, (res) => {
      res.on("data", (c: Buffer) => (received += c.toString()));
      res.on("error", (error) => resolve({ received, error }));
      res.on("end", () => resolve({ received, error: new Error("stream ended normally") }));
    });
    req.on("error", (error) => resolve({ received, error }));
  });
  assert.equal(error.code, "ECONNRESET", error.message);
  assert.match(received, /data: \{"n":0/);
  assert.doesNotMatch(received, /\[DONE\]/);
  await rig.fc.reset();
});

test("an HTTP delay and network latency on one link combine", async () => {
  await api(rig.fc, "POST", "/faults", { kind: "http", target: "provider-b", duration: "2s", averageDelay: "100ms" });
  await network({ action: "latency", latency: "50ms", duration: "2s" });
  const res = await get(`${rig.linkB}/x`);
  assert.equal(res.status, 200);
  assert.ok(res.ms >= 190, `took ${res.ms}ms for 100ms + 2 x 50ms`);
  await rig.fc.reset();
});

test("every network action counts the requests it affected, once each; the same fault on a link without traffic counts 0", async () => {
  const actions: Record<string, unknown>[] = [
    { action: "latency", latency: "5ms" },
    { action: "bandwidth", rate: 1_000_000 },
    { action: "reset", probability: 1 },
    { action: "drop" },
    { action: "blackhole" },
  ];
  for (const spec of actions) {
    // A rig each: requests a drop held flow when it ends, and must not meet the next action.
    const own = await startRig(1);
    try {
      const [busy, idle] = await Promise.all(["provider-b", "provider-a"].map((target) => api(own.fc, "POST", "/faults", { kind: "network", target, duration: "5s", ...spec })));
      const held = spec.action === "drop" || spec.action === "blackhole";
      for (let i = 0; i < 2; i++) await get(`${own.linkB}/x`, { timeoutMs: held ? 100 : 2_000 }).catch(() => undefined);
      const counts = await Promise.all([busy, idle].map(async (f) => (await api(own.fc, "GET", `/faults/${f!.json.id}`)).json.affected));
      assert.deepEqual(counts, [2, 0], String(spec.action));
    } finally {
      await own.close();
    }
  }
});
