// Stream integrity (issue 14): the fake providers announce the digest of each answer's whole text
// in `system_fingerprint` (contracts/text-digest.ts); the resilient gateway relays answers byte for
// byte, so the text a client receives matches it. --fragile=corrupt-stream repeats one content
// chunk and drops the event-stream content-type, and leaves the fingerprint as the provider sent it.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { contentFingerprint } from "../../../contracts/text-digest.ts";
import { chatBody, postChat, sseData, startProviderRig } from "./harness.ts";

interface Chunk {
  system_fingerprint?: string;
  choices: Array<{ delta: { content?: string } }>;
}

// The chunks of a streamed answer, the text their deltas spell, and the fingerprints they carry.
async function streamed(url: string): Promise<{ contentType: string | null; text: string; fingerprints: Set<string | undefined>; deltas: string[] }> {
  const res = await postChat(url, chatBody({ max_tokens: 6, stream: true, stream_options: { include_usage: true } }));
  assert.equal(res.status, 200);
  const chunks = sseData(res.text).filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Chunk);
  const deltas = chunks.map((c) => c.choices[0]?.delta.content ?? "").filter((t) => t !== "");
  return { contentType: res.headers.get("content-type"), text: deltas.join(""), fingerprints: new Set(chunks.map((c) => c.system_fingerprint)), deltas };
}

describe("stream integrity through the gateway", () => {
  let stack: Awaited<ReturnType<typeof startProviderRig>> | undefined;
  afterEach(() => stack?.close());

  test("system_fingerprint passes through unchanged and matches the text the client received, streamed or not", async () => {
    stack = await startProviderRig();
    const stream = await streamed(stack.url);
    assert.equal(stream.contentType, "text/event-stream");
    assert.deepEqual([...stream.fingerprints], [contentFingerprint(stream.text)], "one fingerprint on every chunk, the digest of the text");
    const whole = JSON.parse((await postChat(stack.url, chatBody({ max_tokens: 6 }))).text) as { system_fingerprint: string; choices: Array<{ message: { content: string } }> };
    assert.equal(whole.choices[0]?.message.content, stream.text, "the same request, the same answer");
    assert.equal(whole.system_fingerprint, contentFingerprint(stream.text));
  });

  test("--fragile=corrupt-stream: one content chunk arrives twice, the content-type is gone, and the fingerprint no longer matches", async () => {
    stack = await startProviderRig("corrupt-stream");
    const stream = await streamed(stack.url);
    assert.equal(stream.contentType, null);
    assert.equal(stream.deltas.length, 7, "6 tokens and one of them again");
    assert.equal(stream.deltas[0], stream.deltas[1]);
    const whole = JSON.parse((await postChat(stack.url, chatBody({ max_tokens: 6 }))).text) as { system_fingerprint: string; choices: Array<{ message: { content: string } }> };
    assert.deepEqual([...stream.fingerprints], [whole.system_fingerprint], "the provider's fingerprint, not fixed to the corrupt text");
    assert.notEqual(whole.system_fingerprint, contentFingerprint(stream.text));
    assert.equal(whole.system_fingerprint, contentFingerprint(whole.choices[0]?.message.content ?? ""), "non-streamed answers are untouched");
  });
});
