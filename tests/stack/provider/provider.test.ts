import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { contentFingerprint } from "../../../contracts/text-digest.ts";
import type { ProviderServer } from "../../../stack/provider/app.ts";
import { startProvider, type RunningProvider } from "./harness.ts";

let provider: RunningProvider;
let server: ProviderServer;
let base: string;

before(async () => {
  provider = await startProvider({ name: "provider-a", ttftMs: 20, itlMs: 2, defaultOutputTokens: 8, maxOutputTokens: 64 });
  ({ server, url: base } = provider);
});
after(() => provider.close());

// OpenAI requires `model`: every request names one (the first test another than the default).
const chat = (body: object, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ model: "mock-llm", ...body }), signal: signal ?? null });
const messages = [{ role: "user", content: "hello there, how are you today?" }];

describe("provider: non-streaming", () => {
  test("answers a chat.completion with usage, max_tokens tokens and x-provider", async () => {
    const res = await chat({ model: "m1", messages, max_tokens: 5 });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-a");
    const body = (await res.json()) as { object: string; model: string; usage: { completion_tokens: number; prompt_tokens: number }; choices: { message: { content: string } }[] };
    assert.equal(body.object, "chat.completion");
    assert.equal(body.model, "m1");
    assert.equal(body.usage.completion_tokens, 5);
    assert.equal(body.choices[0]?.message.content.trim().split(" ").length, 5);
  });

  test("the same request gives the same tokens; another request gives others", async () => {
    const text = async (content: string) => ((await (await chat({ messages: [{ role: "user", content }], max_tokens: 16 })).json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
    assert.equal(await text("same"), await text("same"));
    assert.notEqual(await text("same"), await text("different"));
  });

  test("caps output at maxOutputTokens and honours x-mock-output-tokens", async () => {
    const capped = (await (await chat({ messages, max_tokens: 10_000 })).json()) as { usage: { completion_tokens: number } };
    assert.equal(capped.usage.completion_tokens, 64);
    const mocked = (await (await chat({ messages }, { "x-mock-output-tokens": "3" })).json()) as { usage: { completion_tokens: number } };
    assert.equal(mocked.usage.completion_tokens, 3);
  });

  test("answers after ttft + (n-1)·itl, taken from x-mock-ttft-ms and x-mock-itl-ms", async () => {
    const t0 = performance.now();
    await (await chat({ messages, max_tokens: 5 }, { "x-mock-ttft-ms": "200", "x-mock-itl-ms": "25" })).text();
    const took = performance.now() - t0;
    assert.ok(took >= 295 && took < 1_000, `took ${took} ms, expected about 300`);
  });

  test("stops waiting when the client goes away before the answer", async () => {
    const before = { ...server.stats };
    await assert.rejects(chat({ messages, max_tokens: 4 }, { "x-mock-ttft-ms": "300" }, AbortSignal.timeout(50)));
    await delay(400);
    assert.equal(server.stats.abandoned, before.abandoned + 1);
    assert.equal(server.stats.tokens, before.tokens, "tokens were produced for a client that had left");
    assert.equal(server.stats.active, 0);
  });
});

describe("provider: streaming", () => {
  test("streams one token per chunk, a usage chunk when asked, then [DONE]", async () => {
    const res = await chat({ messages, max_tokens: 4, stream: true, stream_options: { include_usage: true } });
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean);
    assert.equal(events.at(-1), "data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice("data: ".length)) as { choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; usage?: { completion_tokens: number } });
    assert.equal(chunks.length, 5);
    assert.equal(chunks[0]?.choices[0]?.delta.role, "assistant");
    assert.equal(chunks[3]?.choices[0]?.finish_reason, "stop");
    assert.deepEqual(chunks[4]?.choices, []);
    assert.equal(chunks[4]?.usage?.completion_tokens, 4);
  });

  test("with x-mock-itl-ms 0 a stream still sends one token per chunk, in order, the same tokens as non-streamed", async () => {
    const body = { messages, max_tokens: 6 };
    const streamed = await (await chat({ ...body, stream: true }, { "x-mock-itl-ms": "0" })).text();
    const deltas = streamed.split("\n\n").filter((e) => e.startsWith("data: {")).map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content: string } }[] }).choices[0]?.delta.content);
    assert.equal(deltas.length, 6);
    const whole = ((await (await chat(body)).json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
    assert.equal(deltas.join(""), whole);
  });

  test("every chunk and the completion announce the digest of the whole answer text in system_fingerprint", async () => {
    const body = { messages, max_tokens: 5 };
    const streamed = await (await chat({ ...body, stream: true, stream_options: { include_usage: true } })).text();
    const chunks = streamed.split("\n\n").filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)) as { system_fingerprint: string; choices: { delta: { content?: string } }[] });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    assert.equal(chunks.length, 6, "5 tokens and the usage chunk");
    for (const c of chunks) assert.equal(c.system_fingerprint, contentFingerprint(text));
    const whole = (await (await chat(body)).json()) as { system_fingerprint: string; choices: { message: { content: string } }[] };
    assert.equal(whole.choices[0]?.message.content, text);
    assert.equal(whole.system_fingerprint, contentFingerprint(text));
  });

  test("omits the usage chunk unless stream_options.include_usage", async () => {
    const text = await (await chat({ messages, max_tokens: 2, stream: true })).text();
    assert.ok(!text.includes('"usage"'));
    assert.ok(text.endsWith("data: [DONE]\n\n"));
  });

  test("sends the status line only when the first token is ready", async () => {
    const t0 = performance.now();
    const res = await chat({ messages, max_tokens: 2, stream: true }, { "x-mock-ttft-ms": "250" });
    assert.ok(performance.now() - t0 >= 240, "headers arrived before the first token");
    await res.text();
  });

  test("stops generating when the client goes away", async () => {
    const res = await chat({ messages, max_tokens: 60, stream: true }, { "x-mock-itl-ms": "20" });
    const reader = res.body!.getReader();
    await reader.read();
    const abandonedBefore = server.stats.abandoned;
    await reader.cancel();
    await delay(100);
    const tokensAfterCancel = server.stats.tokens;
    await delay(200);
    assert.equal(server.stats.tokens, tokensAfterCancel, "tokens kept being generated after the client left");
    assert.equal(server.stats.abandoned, abandonedBefore + 1);
    assert.equal(server.stats.active, 0);
  });
});

describe("provider: bad requests", () => {
  const cases: Array<[string, string, number, string | null]> = [
    ["not JSON", "{", 400, null],
    ["messages missing", JSON.stringify({ model: "m" }), 400, "messages"],
    ["messages empty", JSON.stringify({ model: "m", messages: [] }), 400, "messages"],
    ["a message not an object", JSON.stringify({ model: "m", messages: ["hi"] }), 400, "messages[0]"],
    ["a message without role", JSON.stringify({ model: "m", messages: [...messages, { content: "x" }] }), 400, "messages[1].role"],
    ["max_tokens negative", JSON.stringify({ model: "m", messages, max_tokens: -1 }), 400, "max_tokens"],
    ["max_completion_tokens fractional", JSON.stringify({ model: "m", messages, max_completion_tokens: 1.5 }), 400, "max_completion_tokens"],
    ["model not a string", JSON.stringify({ messages, model: 7 }), 400, "model"],
    ["stream not boolean", JSON.stringify({ model: "m", messages, stream: "yes" }), 400, "stream"],
  ];
  for (const [name, body, status, param] of cases) {
    test(`${name} → ${status} with an OpenAI error naming ${param ?? "the body"}`, async () => {
      const res = await fetch(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
      assert.equal(res.status, status);
      const err = (await res.json()) as { error: { message: string; type: string; param: string | null } };
      assert.equal(err.error.type, "invalid_request_error");
      assert.equal(err.error.param, param);
      assert.ok(err.error.message.length > 0);
    });
  }

  test("a bad or out-of-range x-mock header is a 400 naming the header and the accepted range", async () => {
    for (const [name, value] of [["x-mock-ttft-ms", "soon"], ["x-mock-itl-ms", "99999999999"], ["x-mock-output-tokens", "-3"]] as const) {
      const res = await chat({ messages }, { [name]: value });
      assert.equal(res.status, 400, name);
      const { error } = (await res.json()) as { error: { param: string; message: string } };
      assert.equal(error.param, name);
      assert.match(error.message, /must be an integer from 0 to \d+/);
    }
  });

  test("unknown route 404, wrong method 405, health and models answer", async () => {
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    assert.equal((await fetch(`${base}/v1/chat/completions`)).status, 405);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const models = (await (await fetch(`${base}/v1/models`)).json()) as { data: { id: string }[] };
    assert.deepEqual(models.data.map((m) => m.id), ["mock-llm"]);
  });
});
