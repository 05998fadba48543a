// Upstream bytes are checked before they reach the client (the AI service contract): every SSE
// `data:` event must be JSON (or [DONE]) and a non-streamed 200 a chat completion with choices. A
// bad answer before the first byte fails over; a malformed event after it ends the stream in band.
// --fragile=passthrough relays whatever the provider sent.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, sseData, startRig, type Rig } from "./harness.ts";

// Every data payload a client could parse: JSON or [DONE].
const parseable = (data: string): boolean => {
  if (data === "[DONE]") return true;
  try {
    return typeof JSON.parse(data) === "object";
  } catch {
    return false;
  }
};

const COMPLETION = JSON.stringify({ id: "c", object: "chat.completion", created: 0, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "hello there" }, finish_reason: "stop" }] });
const BAD_BODIES: Array<[string, string]> = [
  ["truncated at half its length", COMPLETION.slice(0, COMPLETION.length / 2)],
  ["empty", ""],
  ["with empty choices", JSON.stringify({ id: "c", object: "chat.completion", created: 0, model: "m", choices: [] })],
];

describe("upstream bytes are checked", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  for (const [what, body] of BAD_BODIES) {
    test(`a 200 ${what} from provider-a fails over: the client gets provider-b's completion`, async () => {
      rig = await startRig({ retries: 0 });
      rig.a.behave(() => ({ kind: "status", status: 200, body }));
      const res = await postChat(rig.url, chatBody());
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-provider"), "provider-b");
      assert.equal((JSON.parse(res.text) as { choices: unknown[] }).choices.length, 1);
    });
  }

  test("--fragile=passthrough: the truncated 200 reaches the client as it came", async () => {
    rig = await startRig({ retries: 0, fragile: "passthrough" });
    const [, truncated] = BAD_BODIES[0]!;
    rig.a.behave(() => ({ kind: "status", status: 200, body: truncated }));
    const res = await postChat(rig.url, chatBody());
    assert.equal(res.headers.get("x-provider"), "provider-a");
    assert.equal(res.text, truncated);
    assert.equal(rig.b.seen.length, 0);
  });

  test("a malformed event before the first token fails over before the first byte", async () => {
    rig = await startRig({ retries: 0 });
    rig.a.behave(() => ({ kind: "malformed", afterTokens: 0 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.headers.get("x-provider"), "provider-b");
    const data = sseData(res.text);
    assert.ok(data.every(parseable), res.text);
    assert.equal(data.at(-1), "[DONE]");
  });

  test("a malformed event after the first token is not relayed: the stream ends with an in-band error, then [DONE]", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "malformed", afterTokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    assert.equal(res.status, 200);
    const data = sseData(res.text);
    assert.ok(data.every(parseable), res.text);
    assert.equal(data.length, 4, res.text);
    assert.equal((JSON.parse(data[2] ?? "{}") as { error: { code: string } }).error.code, "provider_stream_error");
    assert.equal(data[3], "[DONE]");
    assert.ok(rig.logs.some((l) => l.event === "stream_failed" && l.reason === "malformed"), "the failure is logged");
  });

  test("--fragile=passthrough: the malformed event reaches the client, and so does the rest of the stream", async () => {
    rig = await startRig({ fragile: "passthrough" });
    rig.a.behave(() => ({ kind: "malformed", afterTokens: 2 }));
    const res = await postChat(rig.url, chatBody({ stream: true }));
    const data = sseData(res.text);
    assert.equal(data.filter((d) => !parseable(d)).length, 1, res.text);
    assert.ok(!res.text.includes('"error"'), res.text);
    assert.equal(data.at(-1), "[DONE]");
  });
});
