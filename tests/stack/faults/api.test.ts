// The REST API's resources and guards: targets, fault listing, DELETE, reset, leases that expire
// on their own, request ids, and the browser blocker.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { api, get, startRig, wait, type Rig } from "./harness.ts";

let rig: Rig;
before(async () => (rig = await startRig(2)));
after(() => rig.close());

const delay = { kind: "http", target: "provider-a", duration: "300ms", averageDelay: "10ms" };

test("GET /targets lists providers with their links and kinds, and ai-service with its pods", async () => {
  const res = await api(rig.fc, "GET", "/targets");
  assert.equal(res.status, 200);
  const [a, b, svc] = res.json.targets;
  assert.deepEqual([a.name, a.kinds, a.link], ["provider-a", ["http", "network", "stream"], rig.linkA.slice("http://".length)]);
  assert.match(a.upstream, /^127\.0\.0\.1:\d+$/);
  assert.equal(a.upstreamUrl, `http://${a.upstream}`);
  assert.deepEqual(Object.keys(a.traffic), ["attempts", "requests", "open"]);
  assert.equal(b.name, "provider-b");
  assert.deepEqual([svc.name, svc.kinds, svc.pods.length, svc.pods[0].status], ["ai-service", ["pod", "stress"], 2, "running"]);
});

test("GET /healthz answers ok", async () => {
  assert.deepEqual((await api(rig.fc, "GET", "/healthz")).json, { status: "ok" });
});

test("every answer carries an x-request-id, echoing the caller's", async () => {
  assert.match(String((await api(rig.fc, "GET", "/healthz")).headers["x-request-id"]), /^[0-9a-f-]{36}$/);
  assert.equal((await api(rig.fc, "GET", "/healthz", undefined, { "x-request-id": "abc-1" })).headers["x-request-id"], "abc-1");
});

test("browser user agents are refused with 403", async () => {
  const res = await api(rig.fc, "POST", "/faults", delay, { "user-agent": "Mozilla/5.0 (X11; Linux x86_64)" });
  assert.equal(res.status, 403);
  assert.equal(res.json.error.code, "browser_refused");
  assert.deepEqual((await api(rig.fc, "GET", "/faults")).json.faults, []);
});

test("unknown routes answer 404 and wrong methods 405 naming the allowed ones", async () => {
  assert.equal((await api(rig.fc, "GET", "/proxies")).json.error.code, "route_not_found");
  const res = await api(rig.fc, "PUT", "/faults");
  assert.equal(res.status, 405);
  assert.match(res.json.error.message, /allowed: GET, POST/);
});

test("a created fault is listed with remainingMs, fetched by id, and unlisted once its lease expires but still readable by id as ended", async () => {
  const created = await api(rig.fc, "POST", "/faults", delay);
  assert.equal(created.status, 201);
  assert.deepEqual([created.json.kind, created.json.target, created.json.duration, created.json.averageDelay], ["http", "provider-a", "300ms", "10ms"]);
  assert.ok(Date.parse(created.json.expiresAt) > Date.now());
  const listed = await api(rig.fc, "GET", "/faults");
  assert.equal(listed.json.faults.length, 1);
  assert.ok(listed.json.faults[0].remainingMs > 0 && listed.json.faults[0].remainingMs <= 300);
  assert.equal((await api(rig.fc, "GET", `/faults/${created.json.id}`)).json.id, created.json.id);
  await wait(400);
  assert.deepEqual((await api(rig.fc, "GET", "/faults")).json.faults, []);
  const ended = await api(rig.fc, "GET", `/faults/${created.json.id}`);
  assert.equal(ended.status, 200);
  assert.deepEqual([ended.json.state, ended.json.endReason, ended.json.remainingMs, ended.json.affected], ["ended", "expired", 0, 0]);
  assert.equal((await api(rig.fc, "DELETE", `/faults/${created.json.id}`)).status, 404, "an ended fault cannot be deleted");
});

test("DELETE /faults/{id} ends a fault with 204 and answers 404 for an unknown id", async () => {
  const created = await api(rig.fc, "POST", "/faults", { ...delay, duration: "30s", averageDelay: "0s", errorRate: 1, errorCode: 503 });
  assert.equal((await get(`${rig.linkA}/x`)).status, 503);
  assert.equal((await api(rig.fc, "DELETE", `/faults/${created.json.id}`)).status, 204);
  assert.equal((await get(`${rig.linkA}/x`)).status, 200);
  const missing = await api(rig.fc, "DELETE", `/faults/${created.json.id}`);
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, "fault_not_found");
});

test("POST /reset ends every fault on every target with 204", async () => {
  await api(rig.fc, "POST", "/faults", { ...delay, duration: "30s", averageDelay: "0s", errorRate: 1, errorCode: 500 });
  await api(rig.fc, "POST", "/faults", { kind: "network", target: "provider-b", duration: "30s", action: "blackhole" });
  assert.equal((await api(rig.fc, "GET", "/faults")).json.faults.length, 2);
  assert.equal((await api(rig.fc, "POST", "/reset")).status, 204);
  assert.deepEqual((await api(rig.fc, "GET", "/faults")).json.faults, []);
  assert.equal((await get(`${rig.linkA}/x`)).status, 200);
  assert.equal((await get(`${rig.linkB}/x`)).status, 200);
});

test("controller.reset() ends faults like POST /reset", async () => {
  await api(rig.fc, "POST", "/faults", delay);
  await rig.fc.reset();
  assert.deepEqual((await api(rig.fc, "GET", "/faults")).json.faults, []);
});

test("linkUrl names the link of a provider and refuses other targets", () => {
  assert.match(rig.fc.linkUrl("provider-b"), /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.throws(() => rig.fc.linkUrl("ai-service"), /no link for target "ai-service"; targets with links: provider-a, provider-b/);
});
