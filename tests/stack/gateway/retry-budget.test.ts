// Retries have a budget (resilience/retry-budget.ts): under a fault, upstream attempts per client
// request stay bounded; in steady state a transient error is still retried. --fragile=retry-storm
// retries at once, without budget or backoff, and attempts multiply.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { DEFAULT_OPTIONS } from "../../../stack/gateway/options.ts";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

// Both providers fail every attempt; the breakers are kept out of the way (threshold 1000).
const BROKEN = { breakerThreshold: 1000, retries: 2 } as const;
const REQUESTS = 50;

async function attemptsFor(rig: Rig, requests: number): Promise<number> {
  for (const fake of [rig.a, rig.b]) fake.behave(() => ({ kind: "status", status: 503 }));
  let attempts = 0;
  for (let i = 0; i < requests; i++) attempts += Number((await postChat(rig.url, chatBody())).headers.get("x-attempts"));
  assert.equal(attempts, rig.a.seen.length + rig.b.seen.length, "x-attempts counts what the providers saw");
  return attempts;
}

describe("the retry budget", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test(`both providers failing: ${REQUESTS} requests make at most 2 upstream attempts each, plus the burst`, async () => {
    rig = await startRig(BROKEN);
    const attempts = await attemptsFor(rig, REQUESTS);
    assert.ok(attempts <= 2 * REQUESTS + DEFAULT_OPTIONS.retryBudgetBurst, `${attempts} upstream attempts for ${REQUESTS} requests`);
    assert.ok(rig.logs.some((l) => l.event === "retry_skipped" && l.reason === "budget"), "the refusals are logged");
    const metrics = await (await fetch(`${rig.url}/metrics`)).text();
    assert.match(metrics, /ai_gateway_retries_denied_total\{provider="provider-a",pod="ai-service-0"\} [1-9]/);
  });

  test("--fragile=retry-storm: the same requests make every retry, five times as many: 22 attempts each", async () => {
    rig = await startRig({ ...BROKEN, fragile: "retry-storm" });
    // 2 retries × 5 = 10 per provider: 11 attempts at each of the two.
    assert.equal(await attemptsFor(rig, REQUESTS), 22 * REQUESTS);
  });

  test("--fragile=retry-storm wraps the retries around the breaker: it sees one outcome per request and stops no retry under way", async () => {
    const failingA = async (fragile: string) => {
      rig = await startRig({ breakerThreshold: 3, retries: 2, fragile });
      rig.a.behave(() => ({ kind: "status", status: 503 }));
      for (let i = 0; i < 5; i++) assert.equal((await postChat(rig.url, chatBody())).status, 200);
      const seen = rig.a.seen.length;
      await rig.close();
      rig = undefined;
      return seen;
    };
    // Inside: three failed attempts open provider-a's breaker, and the fallback serves the rest.
    assert.ok((await failingA("")) <= 3);
    // Around it: three failed requests of 11 attempts each open it.
    assert.equal(await failingA("retry-storm"), 33);
  });

  test("in steady state a transient 503 is still retried, and a healthy request costs one attempt", async () => {
    rig = await startRig();
    for (let i = 0; i < 20; i++) assert.equal((await postChat(rig.url, chatBody())).headers.get("x-attempts"), "1");
    rig.a.behave((n) => (n === 20 ? { kind: "status", status: 503 } : { kind: "ok" }));
    const res = await postChat(rig.url, chatBody());
    assert.deepEqual([res.headers.get("x-provider"), res.headers.get("x-attempts")], ["provider-a", "2"]);
  });

  test("retries wait for the backoff; --fragile=retry-storm sends them at once", async () => {
    // Backoff base 200 ms: the first retry waits 100..200 ms (equal jitter).
    const gaps: number[] = [];
    for (const fragile of ["", "retry-storm"]) {
      rig = await startRig({ backoffBaseMs: 200, attemptTimeoutMs: 500, deadlineMs: 3000, fragile });
      rig.a.behave((n) => (n === 0 ? { kind: "status", status: 503 } : { kind: "ok" }));
      await postChat(rig.url, chatBody());
      const [first, second] = rig.a.seen;
      gaps.push((second?.at ?? Infinity) - (first?.at ?? 0));
      await rig.close();
      rig = undefined;
    }
    assert.ok(gaps[0]! >= 100, `resilient: retried after ${gaps[0]} ms`);
    assert.ok(gaps[1]! < 100, `retry-storm: retried after ${gaps[1]} ms`);
  });
});
