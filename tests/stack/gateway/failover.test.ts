import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { chatBody, postChat, sseData, startRig, type Rig } from "./harness.ts";

describe("fallback and provider failure", () => {
  let rig: Rig;
  before(async () => (rig = await startRig({ breakerThreshold: 100 })));
  after(() => rig.close());

  test("a healthy provider-a answers and the headers say so", async () => {
    rig.a.behave(() => ({ kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-a");
    assert.equal(res.headers.get("x-attempts"), "1");
    assert.equal((JSON.parse(res.text) as { model: string }).model, "provider-a");
  });

  test("provider-a answering 500 every time → the answer comes from provider-b", async () => {
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    rig.b.behave(() => ({ kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(res.headers.get("x-attempts"), "4", "3 attempts at provider-a (2 retries), then 1 at provider-b");
  });

  test("provider-a resetting connections on a stream → provider-b streams the answer", async () => {
    rig.a.behave(() => ({ kind: "reset" }));
    rig.b.behave(() => ({ kind: "ok", tokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
    assert.equal(sseData(res.text).at(-1), "[DONE]");
  });

  test("both providers failing → a fast 502 with an OpenAI error body", async () => {
    rig.a.behave(() => ({ kind: "status", status: 503 }));
    rig.b.behave(() => ({ kind: "status", status: 500 }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 502);
    const body = JSON.parse(res.text) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.error).sort(), ["code", "message", "param", "type"]);
    assert.equal(body.error.code, "provider_error");
    assert.ok(res.ms < 1000, `answered in ${res.ms} ms`);
  });

  test("a provider client error (400) is passed through without retry or fallback", async () => {
    rig.a.behave(() => ({ kind: "status", status: 400 }));
    const before = rig.b.seen.length;
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-attempts"), "1");
    assert.equal(rig.b.seen.length, before);
  });

  test("x-mock-* request headers reach the provider, other headers do not", async () => {
    rig.a.behave(() => ({ kind: "ok" }));
    await postChat(rig.url, chatBody(), { "x-mock-ttft": "50ms", "x-other": "no", authorization: "Bearer k" });
    const last = rig.a.seen.at(-1);
    assert.equal(last?.headers["x-mock-ttft"], "50ms");
    assert.equal(last?.headers["x-other"], undefined);
    assert.equal(last?.headers.authorization, undefined);
  });
});
