import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSse } from "../../lib/sse.ts";

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } })}\n\n`;
const STREAM = `: keep-alive\n\n${chunk("Hel")}${chunk("lo")}${chunk("!")}${usage}data: [DONE]\n\n`;

test("counts content chunks, takes tokens from the usage chunk and sees [DONE]", () => {
  const report = parseSse(STREAM);
  assert.equal(report.contentChunks, 3);
  assert.equal(report.text, "Hello!");
  assert.deepEqual(report.usage, { promptTokens: 5, completionTokens: 3 });
  assert.equal(report.done, true);
  assert.equal(report.error, undefined);
  assert.equal(report.malformed, 0);
  assert.equal(report.truncated, false);
});

test("ignores comment lines and other SSE fields", () => {
  const report = parseSse(`: OPENROUTER PROCESSING\nevent: message\nid: 1\n${chunk("x")}: ping\n\ndata: [DONE]\n\n`);
  assert.equal(report.contentChunks, 1);
  assert.equal(report.malformed, 0);
  assert.equal(report.done, true);
});

test("a body split at every position parses the same as the whole", () => {
  const whole = parseSse(STREAM);
  for (let cut = 1; cut < STREAM.length; cut += 1) {
    assert.deepEqual(parseSse([STREAM.slice(0, cut), STREAM.slice(cut)]), whole, `split at ${cut}`);
  }
  assert.deepEqual(parseSse([...STREAM]), whole, "one character at a time");
});

test("CRLF line endings split between pieces parse like LF", () => {
  const crlf = STREAM.replace(/\n/g, "\r\n");
  assert.deepEqual(parseSse(crlf), parseSse(STREAM));
  const at = crlf.indexOf("\r\n") + 1;
  assert.deepEqual(parseSse([crlf.slice(0, at), crlf.slice(at)]), parseSse(STREAM));
  const multiLine = parseSse(`data: {"choices":\r\ndata: [{"delta":{"content":"x"}}]}\r\n\r\ndata: [DONE]\r\n\r\n`);
  assert.equal(multiLine.contentChunks, 1, "a CRLF is one line break, not two");
});

test("an error object inside the stream is reported as an in-band error", () => {
  const body = `${chunk("Hi")}data: {"error":{"message":"provider failed","type":"upstream_error"}}\n\n`;
  const report = parseSse(body);
  assert.deepEqual(report.error, { message: "provider failed", type: "upstream_error" });
  assert.equal(report.done, false);
});

test("a stream that stops without [DONE] is not done, and a cut mid-line is truncated", () => {
  const cleanStop = parseSse(`${chunk("a")}${chunk("b")}`);
  assert.equal(cleanStop.done, false);
  assert.equal(cleanStop.truncated, false);
  const midLine = parseSse(`${chunk("a")}data: {"choices":[{"delta":{"cont`);
  assert.equal(midLine.done, false);
  assert.equal(midLine.truncated, true);
  assert.equal(midLine.malformed, 1);
});

test("non-JSON data, unknown fields and data after [DONE] are malformed", () => {
  const report = parseSse(`data: not json\n\nbogus line\n\ndata: [DONE]\n\n${chunk("late")}`);
  assert.equal(report.malformed, 3);
  assert.equal(report.done, true);
  assert.equal(report.contentChunks, 0);
});

test("multi-line data fields are joined before parsing", () => {
  const report = parseSse(`data: {"choices":\ndata: [{"delta":{"content":"x"}}]}\n\ndata: [DONE]\n\n`);
  assert.equal(report.contentChunks, 1);
  assert.equal(report.malformed, 0);
});

test("keeps what the integrity checks need: the text, the first fingerprint, and how often each once-only part came", () => {
  const first = `data: ${JSON.stringify({ system_fingerprint: "fp_mock_0badc0de", choices: [{ index: 0, delta: { role: "assistant", content: "Hi " } }] })}\n\n`;
  const lastChunk = `data: ${JSON.stringify({ system_fingerprint: "fp_other", choices: [{ index: 0, delta: { content: "you" }, finish_reason: "stop" }] })}\n\n`;
  const report = parseSse(`${first}${lastChunk}${chunk("!")}${usage}${usage}data: [DONE]\n\n`);
  assert.equal(report.text, "Hi you!");
  assert.equal(report.fingerprint, "fp_mock_0badc0de", "the first chunk's");
  assert.deepEqual([report.roles, report.finishes, report.afterFinish, report.usages], [1, 1, 1, 2]);
});
