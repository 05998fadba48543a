// When the client goes away, the gateway cancels its upstream request within 1 s (the AI service
// contract): before the answer, while a stream waits for its first token, and mid-stream.
// --fragile=cancel lets the provider generate on for nobody.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Seen } from "./fake-provider.ts";
import { chatBody, startRig, type Rig } from "./harness.ts";

// Budgets long enough that nothing but the client leaving ends these requests (ms).
const PATIENT = { attemptTimeoutMs: 5000, deadlineMs: 10_000, idleTimeoutMs: 5000 } as const;

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !cond(); await sleep(10)) if (Date.now() > end) return false;
  return true;
}

// Sends a chat request and leaves: once the provider has it (`afterFirstChunk`: once a byte of the
// answer arrived). Resolves with the time the client left.
async function leave(rig: Rig, body: Record<string, unknown>, afterFirstChunk: boolean): Promise<number> {
  const ac = new AbortController();
  const res = fetch(`${rig.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: ac.signal });
  res.catch(() => undefined);
  if (afterFirstChunk) await (await res).body!.getReader().read();
  else assert.ok(await until(() => rig.a.seen.length > 0, 2000), "the request reached provider-a");
  ac.abort();
  return Date.now();
}

const closedWithin = (seen: Seen | undefined, leftAt: number, ms: number) => seen?.closedAt !== undefined && seen.closedAt - leftAt < ms;

describe("cancellation when the client leaves", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  for (const [what, body, afterFirstChunk] of [
    ["a non-streamed request", chatBody(), false],
    ["a stream waiting for its first token", chatBody({ stream: true }), false],
    ["a stream mid-way", chatBody({ stream: true }), true],
  ] as const) {
    test(`a client leaving ${what} cancels the upstream request within 1 s`, async () => {
      rig = await startRig(PATIENT);
      rig.a.behave(() => ({ kind: "ok", tokens: 40, tokenGapMs: 50, delayMs: afterFirstChunk ? 0 : 2000 }));
      const leftAt = await leave(rig, body, afterFirstChunk);
      assert.ok(await until(() => rig!.a.seen[0]?.closedAt !== undefined, 1000), "the upstream request is still open 1 s after the client left");
      assert.equal(rig.a.seen[0]?.aborted, true);
      assert.ok(closedWithin(rig.a.seen[0], leftAt, 1000));
    });
  }

  test("--fragile=cancel: a client leaving a non-streamed request leaves the provider generating to the end", async () => {
    rig = await startRig({ ...PATIENT, fragile: "cancel" });
    rig.a.behave(() => ({ kind: "ok", delayMs: 1500 }));
    await leave(rig, chatBody(), false);
    await sleep(1000);
    assert.equal(rig.a.seen[0]?.closedAt, undefined, "the upstream request was cancelled");
    assert.ok(await until(() => rig!.a.seen[0]?.closedAt !== undefined, 3000));
    assert.equal(rig.a.seen[0]?.aborted, false, "the provider's answer was read to its end");
  });

  test("--fragile=cancel: a client leaving a stream mid-way leaves the provider streaming to the end", async () => {
    rig = await startRig({ ...PATIENT, fragile: "cancel" });
    rig.a.behave(() => ({ kind: "ok", tokens: 30, tokenGapMs: 50 }));
    await leave(rig, chatBody({ stream: true }), true);
    await sleep(1000);
    assert.equal(rig.a.seen[0]?.closedAt, undefined, "the upstream stream was cancelled");
    assert.ok(await until(() => rig!.a.seen[0]?.closedAt !== undefined, 3000));
    assert.equal(rig.a.seen[0]?.aborted, false, "the stream was read to its end");
  });
});
