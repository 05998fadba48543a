import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

// Generous budgets: this file is about queueing, not timeouts (ms).
const SLOW = { maxInflight: 2, attemptTimeoutMs: 5000, deadlineMs: 10_000 } as const;
const DELAY_MS = 300;

describe("load shedding", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("beyond max-inflight requests get a fast 429 with Retry-After: 1 instead of queueing", async () => {
    rig = await startRig(SLOW);
    rig.a.behave(() => ({ kind: "ok", delayMs: DELAY_MS }));
    const results = await Promise.all(Array.from({ length: 6 }, () => postChat(rig!.url, chatBody())));
    const shed = results.filter((r) => r.status === 429);
    assert.equal(results.filter((r) => r.status === 200).length, 2);
    assert.equal(shed.length, 4);
    for (const r of shed) {
      assert.equal(r.headers.get("retry-after"), "1");
      assert.equal((JSON.parse(r.text) as { error: { code: string } }).error.code, "overloaded");
      assert.ok(r.ms < DELAY_MS, `shed after ${r.ms} ms`);
    }
    assert.equal(rig.logs.filter((l) => l.event === "shed").length, 4, "every shed request is logged");
    const afterwards = await Promise.all([postChat(rig.url, chatBody()), postChat(rig.url, chatBody())]);
    assert.deepEqual(afterwards.map((r) => r.status), [200, 200], "finished requests free their slots");
  });

  test("--fragile=shedding: the same burst queues, nobody gets 429 and latency balloons", async () => {
    rig = await startRig({ ...SLOW, fragile: "shedding" });
    rig.a.behave(() => ({ kind: "ok", delayMs: DELAY_MS }));
    const results = await Promise.all(Array.from({ length: 6 }, () => postChat(rig!.url, chatBody())));
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
    const slowest = Math.max(...results.map((r) => r.ms));
    assert.ok(slowest >= 3 * DELAY_MS - 50, `slowest took ${slowest} ms: 3 waves through 2 upstream connections`);
  });
});
