import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { invalidCases } from "../../../lib/ai-service/invalid-requests.ts";
import { OPENAI_ANSWERS } from "../provider/openai-answers.ts";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

const BAD_INPUT: Array<[string, unknown, string | null, RegExp]> = [
  ["model missing", { messages: [{ role: "user", content: "hi" }] }, "model", /non-empty string/],
  ["model not a string", chatBody({ model: 7 }), "model", /non-empty string.*got an integer/],
  ["messages missing", { model: "m" }, "messages", /non-empty array/],
  ["messages empty", chatBody({ messages: [] }), "messages", /non-empty array/],
  ["messages not an array", chatBody({ messages: "hi" }), "messages", /non-empty array/],
  ["role unknown", chatBody({ messages: [{ role: "bot", content: "x" }] }), "messages[0].role", /'bot'.*'system', 'assistant', 'user', 'function', 'tool', and 'developer'/],
  ["content a number", chatBody({ messages: [{ role: "user", content: 5 }] }), "messages[0].content", /string or an array/],
  ["max_tokens zero", chatBody({ max_tokens: 0 }), "max_tokens", /integer from 1 to 32768/],
  ["max_tokens over the cap", chatBody({ max_tokens: 1e6 }), "max_tokens", /integer from 1 to 32768/],
  ["temperature above 2", chatBody({ temperature: 2.5 }), "temperature", /from 0 to 2/],
  ["stream not a boolean", chatBody({ stream: "yes" }), "stream", /true or false/],
  ["stream_options not an object", chatBody({ stream_options: 1 }), "stream_options", /object/],
  ["body an array", [], null, /JSON object/],
];

describe("input validation", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("invalid fields → 400 naming the field and what is accepted, nothing sent upstream", async () => {
    rig = await startRig();
    for (const [what, body, param, accepted] of BAD_INPUT) {
      const res = await postChat(rig.url, body);
      assert.equal(res.status, 400, what);
      const err = (JSON.parse(res.text) as ErrorBody).error;
      assert.equal(err.param, param, what);
      assert.equal(err.type, "invalid_request_error", what);
      assert.match(err.message, accepted, what);
    }
    assert.equal(rig.a.seen.length, 0);
  });

  test("each malformed request the suite sends → the provider's (OpenAI's) answer, nothing sent upstream", async () => {
    rig = await startRig();
    // Except the wrong content-type, which the gateway names precisely: 415 (the suite accepts 400 or 415).
    for (const c of invalidCases("mock-llm").filter((k) => k.name !== "wrong-content-type")) {
      const expected = OPENAI_ANSWERS[c.name];
      assert.ok(expected, c.name);
      const res = await postChat(rig.url, c.body, c.headers);
      const { error } = JSON.parse(res.text) as ErrorBody;
      assert.deepEqual({ status: res.status, type: error.type, param: error.param, code: error.code }, { status: expected.status, type: expected.type, param: expected.param, code: expected.code }, c.name);
    }
    assert.equal(rig.a.seen.length, 0);
  });

  test("a model not in --models → 404 model_not_found with OpenAI's message, nothing sent upstream", async () => {
    rig = await startRig({ models: ["m1", "m2"] });
    assert.equal((await postChat(rig.url, chatBody({ model: "m2" }))).status, 200);
    const res = await postChat(rig.url, chatBody({ model: "gpt-x" }));
    assert.equal(res.status, 404);
    assert.deepEqual((JSON.parse(res.text) as ErrorBody).error, { message: "The model `gpt-x` does not exist or you do not have access to it.", type: "invalid_request_error", param: null, code: "model_not_found" });
    assert.equal(rig.a.seen.length, 1);
  });

  test("malformed JSON → 400 with OpenAI's null param and code; wrong content-type → 415; oversized body → 413", async () => {
    rig = await startRig({ maxBodyBytes: 1000 });
    const bad = await postChat(rig.url, "{not json");
    assert.equal(bad.status, 400);
    assert.deepEqual({ ...(JSON.parse(bad.text) as ErrorBody).error, message: "" }, { message: "", type: "invalid_request_error", param: null, code: null });
    assert.match((JSON.parse(bad.text) as ErrorBody).error.message, /not valid JSON.*send a JSON object/);
    const text = await postChat(rig.url, JSON.stringify(chatBody()), { "content-type": "text/plain" });
    assert.equal(text.status, 415);
    assert.match((JSON.parse(text.text) as ErrorBody).error.message, /application\/json/);
    const big = await postChat(rig.url, chatBody({ messages: [{ role: "user", content: "x".repeat(2000) }] }));
    assert.equal(big.status, 413);
    const chunked = await fetch(`${rig.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob(["x".repeat(3000)]).stream(),
      duplex: "half",
    } as RequestInit);
    assert.equal(chunked.status, 413, "a chunked upload without Content-Length is cut off too");
    assert.equal(((await chunked.json()) as ErrorBody).error.code, "body_too_large");
  });

  test("--api-key: a missing or wrong Bearer token → 401, the right one passes, /healthz stays open", async () => {
    rig = await startRig({ apiKey: "sekret" });
    assert.equal((await postChat(rig.url, chatBody())).status, 401);
    assert.equal((await postChat(rig.url, chatBody(), { authorization: "Bearer nope" })).status, 401);
    assert.equal((await postChat(rig.url, chatBody(), { authorization: "Bearer sekret" })).status, 200);
    assert.equal((await fetch(`${rig.url}/healthz`)).status, 200);
  });

  test("unknown path → 404, wrong method → 405 with Allow, both OpenAI error bodies", async () => {
    rig = await startRig();
    const missing = await fetch(`${rig.url}/v1/nope`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorBody).error.code, "not_found");
    const wrong = await fetch(`${rig.url}/v1/chat/completions`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "POST");
    assert.equal(((await wrong.json()) as ErrorBody).error.code, "method_not_allowed");
  });

  test("--fragile=validation: messages not an array → 500 with a plain-text, non-contract body", async () => {
    rig = await startRig({ fragile: "validation", deps: { crash: () => undefined } });
    const res = await postChat(rig.url, chatBody({ messages: 5 }));
    assert.equal(res.status, 500);
    assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
    assert.throws(() => JSON.parse(res.text));
  });

  test("--fragile=validation: malformed JSON goes to the crash path instead of a 400", async () => {
    const crashes: Error[] = [];
    rig = await startRig({ fragile: "validation", deps: { crash: (err) => void crashes.push(err) } });
    const res = await fetch(`${rig.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json", signal: AbortSignal.timeout(300) }).catch(() => "no answer");
    assert.equal(res, "no answer");
    assert.equal(crashes.length, 1);
    assert.ok(crashes[0] instanceof SyntaxError);
  });
});
