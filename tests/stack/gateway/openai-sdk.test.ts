// The reference gateway as a real client sees it: OpenAI's official SDK (`openai`, retries off so
// that each answer is seen) against the gateway in front of the real fake providers (stack/provider)
// for the contract, and in front of scriptable fakes for the error statuses. Each status must
// surface as the SDK's own error class, which the SDK picks from the status
// (node_modules/openai/core/error.js, APIError.generate).
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import OpenAI, { APIConnectionTimeoutError, AuthenticationError, BadRequestError, InternalServerError, NotFoundError, RateLimitError } from "openai";
import { startProviderRig, startRig, type Rig } from "./harness.ts";

const client = (url: string, extra: { apiKey?: string; timeout?: number } = {}) => new OpenAI({ baseURL: `${url}/v1`, apiKey: "sk-test", maxRetries: 0, timeout: 10_000, ...extra });
const hello = [{ role: "user" as const, content: "hello" }];

describe("the OpenAI SDK against the gateway in front of the fake providers", () => {
  let stack: Awaited<ReturnType<typeof startProviderRig>>;
  let openai: OpenAI;
  before(async () => {
    stack = await startProviderRig();
    openai = client(stack.url);
  });
  after(() => stack.close());

  test("a non-streamed completion: chat.completion with the text and usage", async () => {
    const completion = await openai.chat.completions.create({ model: "mock-llm", messages: hello, max_tokens: 5 });
    assert.equal(completion.object, "chat.completion");
    assert.equal(completion.model, "mock-llm");
    assert.equal(completion.choices[0]?.message.role, "assistant");
    assert.equal(completion.choices[0]?.message.content?.trim().split(" ").length, 5);
    assert.equal(completion.choices[0]?.finish_reason, "stop");
    assert.equal(completion.usage?.completion_tokens, 5);
  });

  test("a stream with stream_options.include_usage: one token per chunk, then the usage chunk", async () => {
    const stream = await openai.chat.completions.create({ model: "mock-llm", messages: hello, max_tokens: 4, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const tokens = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.content ?? ""));
    assert.equal(tokens.length, 4);
    assert.equal(chunks[0]?.choices[0]?.delta.role, "assistant");
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, [], "the usage chunk has no choices");
    assert.equal(last?.usage?.completion_tokens, 4);
  });

  test("tool definitions in the request are accepted (no 400)", async () => {
    const completion = await openai.chat.completions.create({
      model: "mock-llm",
      messages: hello,
      max_tokens: 2,
      tools: [{ type: "function", function: { name: "get_weather", description: "weather of a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
      tool_choice: "auto",
    });
    assert.equal(completion.usage?.completion_tokens, 2);
  });

  test("models.list() lists the served models", async () => {
    const page = await openai.models.list();
    assert.deepEqual(page.data.map((m) => [m.id, m.object]), [["mock-llm", "model"]]);
  });

  test("an unknown model → NotFoundError 404 model_not_found with OpenAI's message", async () => {
    const err = await openai.chat.completions.create({ model: "gpt-nope", messages: hello }).catch((e: unknown) => e);
    assert.ok(err instanceof NotFoundError, String(err));
    assert.equal(err.status, 404);
    assert.equal(err.code, "model_not_found");
    assert.equal(err.type, "invalid_request_error");
    assert.match(err.message, /The model `gpt-nope` does not exist or you do not have access to it\./);
  });

  test("a malformed request → BadRequestError 400 naming the field with OpenAI's code", async () => {
    const err = await openai.chat.completions.create({ model: "mock-llm", messages: hello, temperature: 7 }).catch((e: unknown) => e);
    assert.ok(err instanceof BadRequestError, String(err));
    assert.equal(err.param, "temperature");
    assert.equal(err.code, "decimal_above_max_value");
  });
});

describe("the OpenAI SDK's error classes for the gateway's failure statuses", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());
  const ask = (openai: OpenAI) => openai.chat.completions.create({ model: "mock-llm", messages: hello }).then(() => "answered", (e: unknown) => e);

  test("401 (wrong API key) → AuthenticationError", async () => {
    rig = await startRig({ apiKey: "sekret" });
    const err = await ask(client(rig.url, { apiKey: "wrong" }));
    assert.ok(err instanceof AuthenticationError, String(err));
    assert.equal(err.code, "invalid_api_key");
  });

  test("429 (every provider rate limited) → RateLimitError whose retry-after header is readable", async () => {
    rig = await startRig({ retries: 0 });
    for (const fake of [rig.a, rig.b]) fake.behave(() => ({ kind: "status", status: 429, retryAfter: "3" }));
    const err = await ask(client(rig.url));
    assert.ok(err instanceof RateLimitError, String(err));
    assert.equal(err.code, "rate_limit_exceeded");
    assert.equal(err.headers.get("retry-after"), "3");
  });

  for (const [status, code, behaviour] of [
    [502, "provider_error", { kind: "status", status: 500 }],
    [504, "timeout", { kind: "stall" }],
  ] as const) {
    test(`${status} (${code}) → InternalServerError`, async () => {
      rig = await startRig({ retries: 0 });
      for (const fake of [rig.a, rig.b]) fake.behave(() => behaviour);
      const err = await ask(client(rig.url));
      assert.ok(err instanceof InternalServerError, String(err));
      assert.equal(err.status, status);
      assert.equal(err.code, code);
    });
  }

  test("no answer within the client's timeout → APIConnectionTimeoutError", async () => {
    rig = await startRig();
    rig.a.behave(() => ({ kind: "stall" }));
    // 100 ms: shorter than the gateway's 200 ms attempt timeout (harness FAST), so the client gives up first.
    const err = await ask(client(rig.url, { timeout: 100 }));
    assert.ok(err instanceof APIConnectionTimeoutError, String(err));
  });
});
