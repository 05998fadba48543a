import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { checkChatRequest } from "../../../stack/gateway/schema.ts";
import { FAST, chatBody, postChat, startRig, type Rig } from "./harness.ts";

const OPEN_AFTER = { breakerThreshold: 3, retries: 0 } as const;

describe("circuit breaker per provider", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("after 3 failures provider-a is skipped: requests go straight to provider-b", async () => {
    rig = await startRig(OPEN_AFTER);
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    assert.equal(rig.a.seen.length, 3);
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(res.headers.get("x-attempts"), "1", "provider-a was not attempted");
    assert.equal(rig.a.seen.length, 3);
    assert.ok(rig.logs.some((l) => l.event === "breaker" && l.provider === "provider-a" && l.to === "open"), "the transition is logged");
    const metrics = await (await fetch(`${rig.url}/metrics`)).text();
    assert.match(metrics, /ai_gateway_breaker_state\{provider="provider-a",pod="ai-service-0"\} 2/);
  });

  test("after the cooldown one probe reaches provider-a and its success closes the breaker", async () => {
    rig = await startRig(OPEN_AFTER);
    rig.a.behave((n) => (n < 3 ? { kind: "status", status: 500 } : { kind: "ok" }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    await sleep(FAST.breakerCooldownMs + 50);
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-a");
    const moves = rig.logs.filter((l) => l.event === "breaker").map((l) => l.to);
    assert.deepEqual(moves, ["open", "half-open", "closed"]);
  });

  test("provider-b's breaker closes by itself once it is back, so the next failover burst is served, not refused", async () => {
    rig = await startRig(OPEN_AFTER);
    let broken = true;
    rig.a.behave(() => (broken ? { kind: "status", status: 500 } : { kind: "ok" }));
    rig.b.behave(() => (broken ? { kind: "status", status: 500 } : { kind: "ok" }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    broken = false;
    // No request for two cooldowns: only the breakers' own health probes reach the providers.
    await sleep(2 * FAST.breakerCooldownMs + 100);
    assert.equal(rig.b.seen.length, 4, "one health probe reached provider-b");
    assert.equal(checkChatRequest(JSON.parse(rig.b.seen[3]?.body ?? "null")), null, "the probe is a request a strict provider accepts (model included)");
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    const burst = await Promise.all(Array.from({ length: 4 }, () => postChat(rig!.url, chatBody())));
    assert.deepEqual(burst.map((r) => `${r.status} ${r.headers.get("x-provider")}`), Array(4).fill("200 provider-b"));
    const probes = rig.logs.filter((l) => l.event === "health_probe" && l.provider === "provider-b");
    assert.deepEqual(probes.map((l) => l.ok), [true]);
    const metrics = await (await fetch(`${rig.url}/metrics`)).text();
    assert.match(metrics, /ai_gateway_health_probes_total\{provider="provider-b",outcome="ok",pod="ai-service-0"\} 1/);
  });

  test("both breakers open → 503 providers_unavailable with Retry-After, without any attempt", async () => {
    rig = await startRig(OPEN_AFTER);
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    rig.b.behave(() => ({ kind: "status", status: 500 }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    assert.equal(res.headers.get("x-attempts"), "0");
    assert.equal((JSON.parse(res.text) as { error: { code: string } }).error.code, "providers_unavailable");
  });

  test("a stalled provider-a costs one attempt-timeout per request until the breaker opens, then nothing", async () => {
    rig = await startRig(OPEN_AFTER);
    rig.a.behave(() => ({ kind: "stall" }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.ok(res.ms < FAST.attemptTimeoutMs, `answered in ${res.ms} ms`);
  });

  test("--fragile=breaker: every request still tries, and waits on, the stalled provider-a", async () => {
    rig = await startRig({ ...OPEN_AFTER, fragile: "breaker" });
    rig.a.behave(() => ({ kind: "stall" }));
    for (let i = 0; i < 3; i++) await postChat(rig.url, chatBody());
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(rig.a.seen.length, 4);
    assert.ok(res.ms >= FAST.attemptTimeoutMs, `answered in ${res.ms} ms`);
  });
});
