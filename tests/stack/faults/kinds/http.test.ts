// HTTP faults through a provider's link: delay, injected errors, exclude, keep-alive pick-up,
// unbuffered SSE, and the link back to normal when the lease expires.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { api, get, startRig, wait, type Rig } from "../harness.ts";

let rig: Rig;
before(async () => (rig = await startRig()));
after(() => rig.close());

const fault = (extra: Record<string, unknown>) => api(rig.fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "300ms", ...extra });

test("averageDelay ± delayVariation delays each request, and the delay ends with the lease", async () => {
  const created = await fault({ averageDelay: "250ms", delayVariation: "30ms", duration: "400ms" });
  assert.equal(created.status, 201);
  const timed = await Promise.all([1, 2, 3].map(() => get(`${rig.linkA}/x`)));
  for (const r of timed) {
    assert.equal(r.body, "hello /x");
    assert.ok(r.ms >= 215 && r.ms < 2_000, `took ${r.ms}ms`);
  }
  await wait(250);
  const after = await get(`${rig.linkA}/x`);
  assert.ok(after.ms < 150, `took ${after.ms}ms after expiry`);
});

test("errorRate 1 answers errorCode with an OpenAI-shaped error body by default", async () => {
  await fault({ errorRate: 1, errorCode: 503 });
  const res = await get(`${rig.linkA}/v1/chat/completions`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  assert.equal(res.status, 503);
  assert.equal(res.headers["content-type"], "application/json");
  const body = JSON.parse(res.body);
  assert.deepEqual(Object.keys(body.error).sort(), ["code", "message", "param", "type"]);
  assert.equal(body.error.code, "service_unavailable");
  await rig.fc.reset();
});

test("an injected 429 carries Retry-After: 1, as a provider's rate limit does; other injected statuses carry none", async () => {
  await fault({ errorRate: 1, errorCode: 429 });
  const limited = await get(`${rig.linkA}/v1/chat/completions`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  assert.deepEqual([limited.status, limited.headers["retry-after"]], [429, "1"]);
  await rig.fc.reset();
  await fault({ errorRate: 1, errorCode: 503 });
  const unavailable = await get(`${rig.linkA}/x`);
  assert.deepEqual([unavailable.status, unavailable.headers["retry-after"]], [503, undefined]);
  await rig.fc.reset();
});

test("errorBody replaces the default body, and provider-b is untouched by provider-a's fault", async () => {
  await fault({ errorRate: 1, errorCode: 429, errorBody: '{"error":{"message":"slow down"}}' });
  const res = await get(`${rig.linkA}/x`);
  assert.deepEqual([res.status, res.body], [429, '{"error":{"message":"slow down"}}']);
  assert.equal((await get(`${rig.linkB}/x`)).status, 200);
  await rig.fc.reset();
});

test("errorRate 0.5 fails some requests and forwards the others", async () => {
  await fault({ errorRate: 0.5, errorCode: 500 });
  const statuses = new Set<number>();
  for (let i = 0; i < 40; i++) statuses.add((await get(`${rig.linkA}/x`)).status);
  assert.deepEqual([...statuses].sort(), [200, 500]);
  await rig.fc.reset();
});

test("excluded paths pass untouched while other paths fail", async () => {
  await fault({ errorRate: 1, errorCode: 502, averageDelay: "300ms", exclude: "/healthz,/v1/models" });
  const health = await get(`${rig.linkA}/healthz`);
  assert.equal(health.status, 200);
  assert.ok(health.ms < 200, `excluded path took ${health.ms}ms`);
  assert.equal((await get(`${rig.linkA}/v1/models?x=1`)).status, 200);
  assert.equal((await get(`${rig.linkA}/v1/chat/completions`)).status, 502);
  await rig.fc.reset();
});

test("an idle keep-alive connection opened before the fault gets it on its next request, and loses it after", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.equal((await get(`${rig.linkA}/x`, { agent })).status, 200);
    const created = await fault({ errorRate: 1, errorCode: 503, duration: "10s" });
    assert.equal((await get(`${rig.linkA}/x`, { agent })).status, 503);
    await api(rig.fc, "DELETE", `/faults/${created.json.id}`);
    assert.equal((await get(`${rig.linkA}/x`, { agent })).status, 200);
    assert.equal(Object.values(agent.sockets).flat().length + Object.values(agent.freeSockets).flat().length, 1, "one connection all along");
  } finally {
    agent.destroy();
  }
});

test("a POST body reaches the upstream intact through a delaying fault", async () => {
  await fault({ averageDelay: "20ms" });
  const body = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(100_000) }] });
  const res = await get(`${rig.linkA}/echo`, { method: "POST", body, headers: { "content-type": "application/json" } });
  assert.equal(res.body, body);
  await rig.fc.reset();
});

for (const faulted of [false, true]) {
  test(`an SSE stream passes chunk by chunk, unbuffered, ${faulted ? "through an active HTTP fault" : "through the idle link"}`, async () => {
    if (faulted) await fault({ averageDelay: "1ms", duration: "5s" });
    const res = await get(`${rig.linkA}/sse?events=6&intervalMs=60`);
    assert.equal(res.headers["content-type"], "text/event-stream");
    assert.match(res.body, /data: \[DONE\]/);
    assert.ok(res.chunks.length >= 5, `${res.chunks.length} chunks`);
    // Buffering would deliver everything at the end; unbuffered, the first event comes ~300ms earlier.
    assert.ok((res.chunks.at(-1) ?? 0) - (res.chunks[0] ?? 0) > 200, `chunks at ${res.chunks.map(Math.round)}`);
    await rig.fc.reset();
  });
}

test("affected counts the requests delayed or failed, not excluded ones; a fault whose link had no traffic keeps 0 once ended", async () => {
  const busy = await fault({ averageDelay: "5ms", errorRate: 0.5, errorCode: 500, exclude: "/healthz", duration: "5s" });
  const idle = await api(rig.fc, "POST", "/faults", { kind: "http", target: "provider-b", duration: "5s", errorRate: 1, errorCode: 503 });
  for (let i = 0; i < 4; i++) await get(`${rig.linkA}/x`);
  await get(`${rig.linkA}/healthz`);
  assert.equal((await api(rig.fc, "GET", `/faults/${busy.json.id}`)).json.affected, 4);
  await rig.fc.reset();
  assert.equal((await api(rig.fc, "GET", `/faults/${idle.json.id}`)).status, 404, "POST /reset forgets ended faults");
  const quiet = await api(rig.fc, "POST", "/faults", { kind: "http", target: "provider-b", duration: "100ms", errorRate: 1, errorCode: 503 });
  await wait(200);
  const ended = (await api(rig.fc, "GET", `/faults/${quiet.json.id}`)).json;
  assert.deepEqual([ended.state, ended.affected], ["ended", 0]);
});

test("an ended fault keeps its final affected count readable by id", async () => {
  const created = await fault({ errorRate: 1, errorCode: 503, duration: "200ms" });
  for (let i = 0; i < 3; i++) await get(`${rig.linkA}/x`);
  await wait(300);
  const ended = (await api(rig.fc, "GET", `/faults/${created.json.id}`)).json;
  assert.deepEqual([ended.state, ended.endReason, ended.affected], ["ended", "expired", 3]);
  assert.ok(Date.parse(ended.endedAt) >= Date.parse(ended.createdAt));
});
