import assert from "node:assert/strict";
import { test } from "node:test";
import { chatRequest, streamsFor } from "../../../lib/ai-service/request.ts";
import { parseConfig } from "../../../lib/config.ts";

const cfg = parseConfig({ API_KEY: "sk-test", MODEL: "mock-gpt", STREAM_RATIO: "0.3" });

test("a streamed request asks for usage in the final chunk", () => {
  const req = chatRequest(cfg, { stream: true, maxTokens: 16 }, 1);
  const body = JSON.parse(req.body);
  assert.equal(req.url, "http://127.0.0.1:8080/v1/chat/completions");
  assert.equal(body.stream, true);
  assert.deepEqual(body.stream_options, { include_usage: true });
  assert.equal(body.max_tokens, 16);
  assert.equal(body.model, "mock-gpt");
  assert.equal(req.headers.Authorization, "Bearer sk-test");
});

test("a non-streamed request sends no stream_options", () => {
  const body = JSON.parse(chatRequest(cfg, { stream: false }, 1).body);
  assert.equal(body.stream, false);
  assert.equal(body.stream_options, undefined);
});

test("mock hints become x-mock-* headers", () => {
  const req = chatRequest(cfg, { stream: false, mock: { ttftMs: 50, itlMs: 5, outputTokens: 12 } }, 1);
  assert.equal(req.headers["x-mock-ttft-ms"], "50");
  assert.equal(req.headers["x-mock-itl-ms"], "5");
  assert.equal(req.headers["x-mock-output-tokens"], "12");
});

test("the prompt and the stream mix are fixed by the seed", () => {
  assert.equal(chatRequest(cfg, { stream: "mixed" }, 42).body, chatRequest(cfg, { stream: "mixed" }, 42).body);
  assert.notEqual(chatRequest(cfg, { stream: false }, 42).body, chatRequest(cfg, { stream: false }, 43).body);
});

test("a mixed load streams about STREAM_RATIO of the requests", () => {
  let streamed = 0;
  for (let seed = 0; seed < 2_000; seed += 1) if (streamsFor(seed, 0.3)) streamed += 1;
  assert.ok(streamed > 500 && streamed < 700, `${streamed} of 2000 streamed`);
  assert.equal(streamsFor(7, 0), false);
  assert.equal(streamsFor(7, 1), true);
});

test("a raw body replaces the JSON body untouched", () => {
  assert.equal(chatRequest(cfg, { stream: false, rawBody: "{not json" }, 1).body, "{not json");
});

test("every request carries HEADERS and the API key in API_KEY_HEADER; a case's own Content-Type still wins", () => {
  const azure = parseConfig({ API_KEY: "az-key", API_KEY_HEADER: "api-key", HEADERS: '{"x-ms-region":"westeurope"}' });
  const req = chatRequest(azure, { stream: true }, 1);
  assert.deepEqual(req.headers, { "x-ms-region": "westeurope", "api-key": "az-key", "Content-Type": "application/json", Accept: "text/event-stream" });
  assert.equal(chatRequest(azure, { stream: false, rawBody: "x", headers: { "Content-Type": "text/plain" } }, 1).headers["Content-Type"], "text/plain");
});
