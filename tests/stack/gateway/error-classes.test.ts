// Error classes from a provider (the AI service contract): an error the request caused (400, 413,
// 422) reaches the client as the same 4xx with the provider's message and is not retried elsewhere;
// every other class fails over (401/403/404 of one provider at once, 408/409 after a retry).
// --fragile=classify gets both wrong.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

// OpenAI's answer to a prompt longer than the model's context window.
const CONTEXT_LENGTH = { error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } };

describe("error classes from a provider", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("a 400 context_length_exceeded reaches the client as that 400, with the provider's message, param and code, after one attempt", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "status", status: 400, body: JSON.stringify(CONTEXT_LENGTH) }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 400);
    assert.deepEqual(JSON.parse(res.text), CONTEXT_LENGTH);
    assert.equal(res.headers.get("x-attempts"), "1");
    assert.equal(rig.b.seen.length, 0, "provider-b was not asked");
  });

  for (const status of [413, 422]) {
    test(`a ${status} is the request's fault too: relayed as ${status}, not retried, provider-b not asked`, async () => {
      rig = await startRig();
      rig.a.behave(() => ({ kind: "status", status }));
      const res = await postChat(rig.url, chatBody());
      assert.equal(res.status, status);
      assert.equal(res.headers.get("x-attempts"), "1");
      assert.equal(rig.b.seen.length, 0);
    });
  }

  test("a relayed request error whose body is not OpenAI's still reaches the client as a well-formed error body", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "status", status: 400, body: "<html>bad request</html>" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 400);
    const { error } = JSON.parse(res.text) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(error).sort(), ["code", "message", "param", "type"]);
    assert.equal(error.type, "invalid_request_error");
    assert.match(String(error.message), /provider-a refused the request \(400\)/);
  });

  for (const status of [401, 403, 404]) {
    test(`provider-a's ${status} is its own failure: provider-b answers at once, no retry at provider-a`, async () => {
      rig = await startRig();
      rig.a.behave(() => ({ kind: "status", status }));
      const res = await postChat(rig.url, chatBody());
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-provider"), "provider-b");
      assert.equal(res.headers.get("x-attempts"), "2");
    });
  }

  for (const status of [408, 409]) {
    test(`a ${status} is transient: retried at provider-a`, async () => {
      rig = await startRig();
      rig.a.behave((n) => (n === 0 ? { kind: "status", status } : { kind: "ok" }));
      const res = await postChat(rig.url, chatBody());
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-provider"), "provider-a");
      assert.equal(res.headers.get("x-attempts"), "2");
    });
  }

  test("provider-a and provider-b both answering 401 → 502 provider_error: the gateway's credentials, not the client's", async () => {
    rig = await startRig();
    for (const fake of [rig.a, rig.b]) fake.behave(() => ({ kind: "status", status: 401 }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 502);
    assert.equal((JSON.parse(res.text) as { error: { code: string } }).error.code, "provider_error");
  });

  test("--fragile=classify: the 400 context_length_exceeded is retried and sent on to provider-b", async () => {
    rig = await startRig({ fragile: "classify" });
    rig.a.behave(() => ({ kind: "status", status: 400, body: JSON.stringify(CONTEXT_LENGTH) }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(rig.b.seen.length, 1, "provider-b was asked");
    assert.ok(rig.a.seen.length > 1, "provider-a was asked again");
    assert.equal(res.headers.get("x-provider"), "provider-b");
  });

  for (const status of [401, 404]) {
    test(`--fragile=classify: provider-a's ${status} is passed to the client instead of failing over`, async () => {
      rig = await startRig({ fragile: "classify" });
      rig.a.behave(() => ({ kind: "status", status }));
      const res = await postChat(rig.url, chatBody());
      assert.equal(res.status, status);
      assert.equal(rig.b.seen.length, 0);
    });
  }
});
