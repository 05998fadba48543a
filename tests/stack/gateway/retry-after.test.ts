// A provider's Retry-After is honoured (the AI service contract): no request to that provider before
// it passes, from any request of the worker, health probes included; when every provider is
// limited the client gets a 429 carrying the soonest provider's Retry-After, at once.
// --fragile=retry-after ignores the header.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { FAST, chatBody, postChat, startRig, type Rig } from "./harness.ts";

describe("Retry-After from a provider", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("after provider-a's 429 with Retry-After: 1, requests skip it until the second has passed, then use it again", async () => {
    rig = await startRig();
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 429, retryAfter: "1" } : { kind: "ok" }));
    const first = await postChat(rig.url, chatBody());
    assert.equal(first.headers.get("x-provider"), "provider-b", "1 s is longer than the deadline: provider-b answers");
    const next = await Promise.all([postChat(rig.url, chatBody()), postChat(rig.url, chatBody())]);
    assert.deepEqual(next.map((r) => `${r.headers.get("x-provider")} ${r.headers.get("x-attempts")}`), ["provider-b 1", "provider-b 1"]);
    assert.equal(rig.a.seen.length, 1, "no request reached provider-a within its Retry-After");
    await sleep(1000 - (Date.now() - (rig.a.seen[0]?.at ?? 0)) + 50);
    const later = await postChat(rig.url, chatBody());
    assert.equal(later.headers.get("x-provider"), "provider-a");
  });

  test("every provider limited → 429 with the soonest provider's Retry-After; the next request makes no attempt", async () => {
    rig = await startRig({ retries: 0 });
    rig.a.behave(() => ({ kind: "status", status: 429, retryAfter: "3" }));
    rig.b.behave(() => ({ kind: "status", status: 429, retryAfter: "5" }));
    const first = await postChat(rig.url, chatBody());
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), "3", "provider-a's, the sooner, though provider-b answered last");
    const second = await postChat(rig.url, chatBody());
    assert.equal(second.status, 429);
    assert.equal(second.headers.get("retry-after"), "3");
    assert.equal(second.headers.get("x-attempts"), "0");
    const { error } = JSON.parse(second.text) as { error: { code: string; type: string } };
    assert.deepEqual([error.code, error.type], ["rate_limit_exceeded", "rate_limit_error"]);
    assert.deepEqual([rig.a.seen.length, rig.b.seen.length], [1, 1]);
  });

  test("an open breaker's health probe waits for the provider's Retry-After too", async () => {
    rig = await startRig({ breakerThreshold: 1, retries: 0 });
    rig.a.behave(() => ({ kind: "status", status: 429, retryAfter: "2" }));
    await postChat(rig.url, chatBody());
    // Two breaker cooldowns: a probe was due, but provider-a asked for 2 s.
    await sleep(2 * FAST.breakerCooldownMs + 100);
    assert.equal(rig.a.seen.length, 1);
    assert.ok(rig.logs.some((l) => l.event === "health_probe" && l.ok === false), "the probe counted as failed");
  });

  test("--fragile=retry-after: provider-a is asked again long before its Retry-After, by the retry and by the next request", async () => {
    rig = await startRig({ fragile: "retry-after" });
    rig.a.behave((n) => (n === 0 ? { kind: "status", status: 429, retryAfter: "2" } : { kind: "ok" }));
    const first = await postChat(rig.url, chatBody());
    assert.equal(first.headers.get("x-provider"), "provider-a");
    const second = await postChat(rig.url, chatBody());
    assert.equal(second.headers.get("x-provider"), "provider-a");
    const [a0, , a2] = rig.a.seen;
    assert.ok(a0 && a2 && a2.at - a0.at < 1000, "three requests at provider-a within a second of its Retry-After: 2");
  });
});
