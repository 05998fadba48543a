// x-mock-error: the provider it names answers that class instead of a generation; any other
// provider serves the request as usual, naming itself in the completion id.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { completionProvider, mockErrorMessage } from "../../../contracts/mock-error.ts";
import { startProvider, type RunningProvider } from "./harness.ts";

let a: RunningProvider;
let b: RunningProvider;
before(async () => {
  a = await startProvider({ name: "provider-a", ttftMs: 5, itlMs: 1, defaultOutputTokens: 4, maxOutputTokens: 64 });
  b = await startProvider({ name: "provider-b", ttftMs: 5, itlMs: 1, defaultOutputTokens: 4, maxOutputTokens: 64 });
});
after(async () => {
  await a.close();
  await b.close();
});

const chat = (base: string, header: string, stream = false) =>
  fetch(`${base}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-mock-error": header },
    body: JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "hi" }], stream }),
  });

test("the named provider answers the status with OpenAI's error body, the code asked and its own message, and no Retry-After", async () => {
  for (const [status, code, type] of [[400, "context_length_exceeded", "invalid_request_error"], [404, "model_not_found", "invalid_request_error"], [429, null, "rate_limit_error"], [503, null, "server_error"]] as const) {
    const res = await chat(a.url, `provider-a=${status}${code ? `:${code}` : ""}`, status === 503);
    assert.equal(res.status, status);
    assert.equal(res.headers.get("retry-after"), null);
    const { error } = (await res.json()) as { error: { message: string; type: string; code: string | null; param: null } };
    assert.deepEqual(error, { message: mockErrorMessage({ provider: "provider-a", status, code }), type, param: null, code });
  }
});

test("a 200 entry breaks the answer: a completion cut mid-JSON, or one with no choices", async () => {
  const cut = await chat(a.url, "provider-a=200:unparseable");
  assert.equal(cut.status, 200);
  const text = await cut.text();
  assert.throws(() => JSON.parse(text));
  assert.match(text, /^\{"id":"chatcmpl-provider-a-/);
  const empty = await chat(a.url, "provider-a=200:empty_choices");
  const body = (await empty.json()) as { choices: unknown[]; object: string };
  assert.deepEqual([empty.status, body.object, body.choices], [200, "chat.completion", []]);
});

test("a provider the header does not name serves the request, and its completion id names it", async () => {
  const res = await chat(b.url, "provider-a=404:model_not_found, provider-c=500");
  assert.equal(res.status, 200);
  const body = (await res.json()) as { id: string; choices: unknown[] };
  assert.equal(completionProvider(body.id), "provider-b");
  assert.equal(body.choices.length, 1);
});

test("a bad x-mock-error is a 400 naming the header and what it accepts", async () => {
  const res = await chat(b.url, "provider-a=302");
  assert.equal(res.status, 400);
  const { error } = (await res.json()) as { error: { param: string; code: string; message: string } };
  assert.deepEqual([error.param, error.code], ["x-mock-error", "invalid_value"]);
  assert.match(error.message, /<provider>=<status>\[:<code>\]/);
});
