import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { FAST, chatBody, postChat, sseData, startRig, type Rig } from "./harness.ts";

describe("timeouts and the deadline", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("provider-a stalling → provider-b answers, within the deadline", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "stall" }));
    // provider-b needs half an attempt-timeout: it only fits if provider-a left it a full attempt.
    rig.b.behave(() => ({ kind: "ok", delayMs: FAST.attemptTimeoutMs / 2 }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.ok(res.ms < FAST.deadlineMs + 300, `answered in ${res.ms} ms`);
    assert.ok(rig.logs.some((l) => l.event === "timeout" && l.provider === "provider-a"), "the timeout is logged");
  });

  test("both providers stalling → 504 code timeout within the deadline, never a hang", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "stall" }));
    rig.b.behave(() => ({ kind: "stall" }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.status, 504);
    assert.equal((JSON.parse(res.text) as { error: { code: string } }).error.code, "timeout");
    assert.ok(res.ms >= FAST.attemptTimeoutMs && res.ms < FAST.deadlineMs + 300, `answered in ${res.ms} ms`);
  });

  test("a stream whose first token never comes fails over before the first byte", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "stall" }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(sseData(res.text).at(-1), "[DONE]");
  });

  test("a stream that stalls after its first token ends with an in-band timeout error and [DONE]", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "stall-after", afterTokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    const data = sseData(res.text);
    assert.equal(data.length, 4, res.text);
    assert.equal((JSON.parse(data[2] ?? "{}") as { error: { code: string } }).error.code, "timeout");
    assert.equal(data[3], "[DONE]");
    assert.ok(res.ms < FAST.idleTimeoutMs + 500, `ended after ${res.ms} ms`);
  });

  test("--fragile=timeouts: a stalled provider makes the request hang", async () => {
    rig = await startRig({ fragile: "timeouts" });
    rig.a.behave(() => ({ kind: "stall" }));
    const outcome = await Promise.race([
      postChat(rig.url, chatBody()).then((r) => `answered ${r.status}`, () => "aborted"),
      new Promise((ok) => setTimeout(ok, FAST.deadlineMs * 2, "still waiting")),
    ]);
    assert.equal(outcome, "still waiting");
    assert.equal(rig.b.seen.length, 0, "no fallback either: nothing ever times out");
  });

  for (const fragile of ["timeouts", "stream-idle"]) {
    test(`--fragile=${fragile}: a stream stalled after its first token is never ended by the gateway (no idle timeout)`, async () => {
      rig = await startRig({ fragile });
      rig.a.behave(() => ({ kind: "stall-after", afterTokens: 1 }));
      const res = await fetch(`${rig.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody({ stream: true })) });
      const reader = res.body!.getReader();
      await reader.read();
      const next = await Promise.race([reader.read().then(() => "more data"), new Promise((ok) => setTimeout(ok, FAST.idleTimeoutMs * 3, "still open"))]);
      assert.equal(next, "still open");
      await reader.cancel();
    });
  }

  test("--fragile=stream-idle turns off only the idle timeout: a first token that never comes still fails over", async () => {
    rig = await startRig({ fragile: "stream-idle" });
    rig.a.behave(() => ({ kind: "stall" }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.headers.get("x-provider"), "provider-b");
    assert.equal(sseData(res.text).at(-1), "[DONE]");
  });
});
