import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

describe("retries with backoff", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("one 503 from provider-a is retried on provider-a after a backoff", async () => {
    rig = await startRig();
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 503 } : { kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-a");
    assert.equal(res.headers.get("x-attempts"), "2");
    assert.equal(rig.b.seen.length, 0);
    assert.ok(rig.logs.some((l) => l.event === "retry" && l.provider === "provider-a"), "the retry is logged");
  });

  test("a 429 with Retry-After: 1 is retried no sooner than 1 s later", async () => {
    rig = await startRig({ deadlineMs: 3000, attemptTimeoutMs: 500 });
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 429, retryAfter: "1" } : { kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-a");
    const [first, second] = rig.a.seen;
    assert.ok(first && second, "two attempts at provider-a");
    assert.ok(second.at - first.at >= 950, `retried after ${second.at - first.at} ms`);
  });

  test("a Retry-After longer than the remaining deadline is not waited for: fallback at once", async () => {
    rig = await startRig({ deadlineMs: 1000 });
    rig.a.behave(() => ({ kind: "status", status: 429, retryAfter: "30" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(rig.a.seen.length, 1);
    assert.ok(res.ms < 500, `answered in ${res.ms} ms`);
  });

  test("rate limited everywhere → 429 with the upstream's Retry-After", async () => {
    rig = await startRig({ retries: 0 });
    rig.a.behave(() => ({ kind: "status", status: 429, retryAfter: "7" }));
    rig.b.behave(() => ({ kind: "status", status: 429, retryAfter: "7" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "7");
  });

  test("--fragile=retries: the same single 503 sends the request to provider-b instead", async () => {
    rig = await startRig({ fragile: "retries" });
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 503 } : { kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(rig.a.seen.length, 1);
  });

  test("--fragile=retries,fallback: the same single 503 reaches the client as a 502", async () => {
    rig = await startRig({ fragile: "retries,fallback" });
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 503 } : { kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 502);
  });

  test("--fragile=fallback: provider-a down → 502 although provider-b is healthy", async () => {
    rig = await startRig({ fragile: "fallback" });
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 502);
    assert.equal(rig.b.seen.length, 0);
  });
});
