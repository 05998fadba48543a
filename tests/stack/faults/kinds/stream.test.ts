// Stream faults through a provider's link, each observed by an SSE client against a local SSE
// upstream: cut, stall, malformed (streamed and a truncated JSON 200), error-event and drip; a
// probability share; answers that are not streams untouched; `affected` counting broken answers.
import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { api, get, readSse, startRig, type Rig } from "../harness.ts";

let rig: Rig;
before(async () => (rig = await startRig()));
after(() => rig.close());
afterEach(() => rig.fc.reset());

const stream = (extra: Record<string, unknown>) => api(rig.fc, "POST", "/faults", { kind: "stream", target: "provider-a", duration: "10s", ...extra });
const sse = (events = 5, intervalMs = 10) => readSse(`${rig.linkA}/sse?events=${events}&intervalMs=${intervalMs}`);
const affected = async (id: string): Promise<number> => (await api(rig.fc, "GET", `/faults/${id}`)).json.affected;

test("without a stream fault an SSE answer arrives whole, ending with [DONE]", async () => {
  const res = await sse(3);
  assert.deepEqual([res.status, res.outcome, res.events.length, res.events.at(-1)?.data], [200, "end", 4, "[DONE]"]);
});

test("cut closes the connection after afterChunks events, without [DONE]", async () => {
  const created = await stream({ action: "cut", afterChunks: 2 });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.deepEqual([created.json.action, created.json.probability, created.json.afterChunks], ["cut", 1, 2]);
  const res = await sse(5);
  assert.equal(res.status, 200);
  assert.equal(res.outcome, "error", "the chunked body never ended");
  assert.deepEqual(res.events.map((e) => JSON.parse(e.data).n), [0, 1]);
  assert.doesNotMatch(res.body, /\[DONE\]/);
  assert.equal(await affected(created.json.id), 1);
});

test("stall holds the stream for stallFor after afterChunks events, then sends the rest", async () => {
  await stream({ action: "stall", afterChunks: 1, stallFor: "400ms" });
  const res = await sse(3, 5);
  assert.deepEqual([res.outcome, res.events.length, res.events.at(-1)?.data], ["end", 4, "[DONE]"]);
  const gap = (res.events[1]?.ms ?? 0) - (res.events[0]?.ms ?? 0);
  assert.ok(gap >= 350, `the second event came ${gap}ms after the first`);
});

test("malformed inserts a data event that is not JSON after afterChunks events, and the stream goes on", async () => {
  await stream({ action: "malformed", afterChunks: 1 });
  const res = await sse(3);
  assert.equal(res.outcome, "end");
  assert.equal(res.events.length, 5, "three events, the malformed one and [DONE]");
  assert.doesNotThrow(() => JSON.parse(res.events[0]?.data ?? ""));
  assert.throws(() => JSON.parse(res.events[1]?.data ?? ""), SyntaxError);
  assert.equal(res.events.at(-1)?.data, "[DONE]");
});

test("malformed truncates a non-streamed 200 JSON answer at half its length, with a Content-Length that matches", async () => {
  const whole = await get(`${rig.linkB}/json`);
  await stream({ action: "malformed" });
  const res = await get(`${rig.linkA}/json`);
  assert.equal(res.status, 200);
  assert.equal(res.body.length, Math.floor(whole.body.length / 2));
  assert.equal(Number(res.headers["content-length"]), res.body.length);
  assert.throws(() => JSON.parse(res.body), SyntaxError);
});

test("error-event sends OpenAI's error body in band after afterChunks events and ends the stream without [DONE]", async () => {
  await stream({ action: "error-event", afterChunks: 2 });
  const res = await sse(5);
  assert.equal(res.outcome, "end", "the stream ends cleanly, as a gateway's in-band error does");
  assert.equal(res.events.length, 3);
  const { error } = JSON.parse(res.events[2]?.data ?? "");
  assert.deepEqual(Object.keys(error).sort(), ["code", "message", "param", "type"]);
  assert.deepEqual([error.code, error.type], ["provider_error", "server_error"]);
  assert.doesNotMatch(res.body, /\[DONE\]/);
});

test("drip adds delay before every event", async () => {
  await stream({ action: "drip", delay: "100ms" });
  const res = await sse(3, 1);
  assert.deepEqual([res.outcome, res.events.length], ["end", 4]);
  assert.ok((res.events.at(-1)?.ms ?? 0) >= 380, `four events at ${res.events.map((e) => Math.round(e.ms))}ms`);
});

test("answers that are neither SSE nor JSON pass untouched, and a cut with probability 0 breaks nothing", async () => {
  const cut = await stream({ action: "cut", afterChunks: 0 });
  assert.equal((await get(`${rig.linkA}/x`)).body, "hello /x");
  assert.equal(await affected(cut.json.id), 0);
  await rig.fc.reset();
  const spared = await stream({ action: "cut", afterChunks: 0, probability: 0 });
  const res = await sse(2);
  assert.deepEqual([res.outcome, res.events.at(-1)?.data], ["end", "[DONE]"]);
  assert.equal(await affected(spared.json.id), 0);
});

test("affected counts the answers broken; a fault on a link without traffic keeps 0, also once ended", async () => {
  const busy = await stream({ action: "error-event", afterChunks: 0, duration: "1s" });
  const idle = await api(rig.fc, "POST", "/faults", { kind: "stream", target: "provider-b", duration: "1s", action: "cut" });
  for (let i = 0; i < 3; i++) await sse(1);
  assert.equal(await affected(busy.json.id), 3);
  await api(rig.fc, "DELETE", `/faults/${idle.json.id}`);
  const ended = (await api(rig.fc, "GET", `/faults/${idle.json.id}`)).json;
  assert.deepEqual([ended.state, ended.affected], ["ended", 0]);
});

test("a stream fault ends with its lease: the next answer is whole again", async () => {
  const created = await stream({ action: "cut", afterChunks: 0 });
  assert.equal((await sse(2)).outcome, "error");
  await api(rig.fc, "DELETE", `/faults/${created.json.id}`);
  assert.equal((await sse(2)).outcome, "end");
});
