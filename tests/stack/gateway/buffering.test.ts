// --fragile=buffering: the gateway collects the whole upstream stream before it sends the status
// line, so the client's first byte (its TTFT) comes after the last token instead of the first.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { chatBody, sseData, startRig, type Rig } from "./harness.ts";

// 10 tokens 80 ms apart: the last one comes 720 ms after the first (the fake's timers never fire early).
const TOKENS = 10;
const GAP_MS = 80;
const SPAN_MS = (TOKENS - 1) * GAP_MS;

/** Streams one chat request; ms from sending to the response head and to the body's end. */
async function timedStream(url: string): Promise<{ headMs: number; endMs: number; text: string; status: number }> {
  const t0 = Date.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(chatBody({ stream: true })),
    signal: AbortSignal.timeout(10_000),
  });
  const headMs = Date.now() - t0;
  const text = await res.text();
  return { headMs, endMs: Date.now() - t0, text, status: res.status };
}

describe("--fragile=buffering", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("without the switch the first byte comes near the first token, the rest trickles after it", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "ok", tokens: TOKENS, tokenGapMs: GAP_MS, delayMs: 50 }));
    const r = await timedStream(rig.url);
    assert.equal(r.status, 200);
    assert.ok(r.headMs < SPAN_MS / 2, `head after ${r.headMs} ms, not near the first token`);
    assert.ok(r.endMs - r.headMs >= SPAN_MS - GAP_MS, `body took ${r.endMs - r.headMs} ms after the head: not streamed`);
  });

  test("with it the first byte comes only after the last token, and the whole stream at once", async () => {
    rig = await startRig({ fragile: "buffering" });
    rig.a.behave(() => ({ kind: "ok", tokens: TOKENS, tokenGapMs: GAP_MS, delayMs: 50 }));
    const r = await timedStream(rig.url);
    assert.equal(r.status, 200);
    assert.ok(r.headMs >= SPAN_MS, `head after ${r.headMs} ms, before the last token (${SPAN_MS} ms after the first)`);
    assert.ok(r.endMs - r.headMs < SPAN_MS / 2, `body took ${r.endMs - r.headMs} ms after the head: not sent at once`);
    const data = sseData(r.text);
    assert.equal(data.length, TOKENS + 2, "every token, the usage chunk and [DONE]");
    assert.equal(data.at(-1), "[DONE]");
  });

  test("a cut while buffering still ends the answer with the in-band error event, then [DONE]", async () => {
    rig = await startRig({ fragile: "buffering" });
    rig.a.behave(() => ({ kind: "cut", afterTokens: 2 }));
    const r = await timedStream(rig.url);
    assert.equal(r.status, 200);
    const data = sseData(r.text);
    assert.equal(data.length, 4, r.text);
    assert.equal((JSON.parse(data[2] ?? "{}") as { error: { code: string } }).error.code, "provider_stream_error");
    assert.equal(data[3], "[DONE]");
  });

  test("a client that leaves while the gateway buffers aborts the upstream request", async () => {
    rig = await startRig({ fragile: "buffering", idleTimeoutMs: 5000 });
    rig.a.behave(() => ({ kind: "ok", tokens: 100, tokenGapMs: 50 }));
    const ac = new AbortController();
    const pending = fetch(`${rig.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody({ stream: true })), signal: ac.signal });
    await sleep(200);
    ac.abort();
    await assert.rejects(pending);
    await sleep(150);
    assert.equal(rig.a.seen[0]?.aborted, true);
  });
});
