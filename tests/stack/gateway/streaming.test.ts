import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, sseData, startRig, type Rig } from "./harness.ts";

describe("streaming relay", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("a healthy stream is relayed whole: every token, the usage chunk, then [DONE]", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "ok", tokens: 4, tokenGapMs: 5 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    const data = sseData(res.text);
    assert.equal(data.length, 6);
    assert.equal(data.at(-1), "[DONE]");
    assert.ok((JSON.parse(data[4] ?? "{}") as { usage?: unknown }).usage, "usage chunk relayed");
  });

  test("the status line waits for the first token (TTFT = time to first byte)", async () => {
    rig = await startRig({ attemptTimeoutMs: 1000, deadlineMs: 2000 });
    rig.a.behave(() => ({ kind: "ok", delayMs: 150 }));
    const t0 = Date.now();
    const res = await fetch(`${rig.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody({ stream: true })) });
    assert.ok(Date.now() - t0 >= 140, `headers after ${Date.now() - t0} ms`);
    await res.text();
  });

  for (const kind of ["error-event", "cut"] as const) {
    test(`provider-a failing before the first token (${kind}) → provider-b streams the answer`, async () => {
      rig = await startRig({ retries: 0 });
      rig.a.behave(() => ({ kind, afterTokens: 0 }));
      const res = await postChat(rig.url, chatBody({ stream: true }));
      assert.equal(res.headers.get("x-provider"), "provider-b");
      assert.equal(sseData(res.text).at(-1), "[DONE]");
    });
  }

  test("an upstream error event mid-stream is relayed, then [DONE] is added", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "error-event", afterTokens: 1 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    const data = sseData(res.text);
    assert.equal(data.length, 3, res.text);
    assert.equal((JSON.parse(data[1] ?? "{}") as { error: { code: string } }).error.code, "overloaded");
    assert.equal(data[2], "[DONE]");
  });

  test("provider cut after the first token → in-band error event, then [DONE]", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "cut", afterTokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    const data = sseData(res.text);
    assert.equal(data.length, 4, res.text);
    const err = (JSON.parse(data[2] ?? "{}") as { error: { code: string; message: string } }).error;
    assert.equal(err.code, "provider_stream_error");
    assert.equal(data[3], "[DONE]");
    assert.ok(rig.logs.some((l) => l.event === "stream_failed"), "the failure is logged");
  });

  test("--fragile=stream-errors: the same cut ends the stream silently (no error event, no [DONE])", async () => {
    rig = await startRig({ fragile: "stream-errors" });
    rig.a.behave(() => ({ kind: "cut", afterTokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    const data = sseData(res.text);
    assert.equal(data.length, 2, res.text);
    assert.ok(!res.text.includes('"error"') && !res.text.includes("[DONE]"));
  });
});
