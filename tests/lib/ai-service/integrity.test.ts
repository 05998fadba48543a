// Stream and answer integrity (lib/ai-service/integrity.ts) on streams built like the fake
// providers' (stack/provider/chat.ts: role with the first token, finish_reason on the last, a
// usage chunk, [DONE], `system_fingerprint` = contracts/text-digest.ts's fingerprint of the text).
import assert from "node:assert/strict";
import { test } from "node:test";
import { completionProblem, streamProblem } from "../../../lib/ai-service/integrity.ts";
import { parseSse } from "../../../lib/sse.ts";
import { contentFingerprint } from "../../../contracts/text-digest.ts";

const SSE = "text/event-stream";
const TOKENS = ["The ", "quick ", "brown ", "fox "];

/** A stream of `tokens` as events, with `fingerprint` on every chunk and `usageTokens` in the usage chunk. */
function stream(tokens: readonly string[], opts: { fingerprint?: string; usageTokens?: number } = {}): string {
  const fp = opts.fingerprint === undefined ? {} : { system_fingerprint: opts.fingerprint };
  const events = tokens.map((t, i) => ({ id: "c1", ...fp, choices: [{ index: 0, delta: i === 0 ? { role: "assistant", content: t } : { content: t }, finish_reason: i === tokens.length - 1 ? "stop" : null }] }));
  const usage = { id: "c1", ...fp, choices: [], usage: { prompt_tokens: 3, completion_tokens: opts.usageTokens ?? tokens.length } };
  return [...events, usage].map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n";
}
const problem = (body: string, type = SSE) => streamProblem(parseSse(body), type);
const ours = contentFingerprint(TOKENS.join(""));

test("an intact stream has no problem, with our fingerprint, a real model's, or none", () => {
  assert.equal(problem(stream(TOKENS, { fingerprint: ours })), undefined);
  assert.equal(problem(stream(TOKENS, { fingerprint: "fp_44709d6fcb" })), undefined);
  assert.equal(problem(stream(TOKENS)), undefined);
});

test("a 200 stream must say it is one: content-type text/event-stream", () => {
  assert.equal(streamProblem(parseSse(stream(TOKENS)), undefined), "its content-type is missing, not text/event-stream");
  assert.equal(problem(stream(TOKENS), "application/json"), 'its content-type is "application/json", not text/event-stream');
});

test("a chunk that may come once, repeated, or the last one missing, is seen whoever the model is", () => {
  const events = stream(TOKENS).split(/(?<=\n\n)/);
  const [first, second, third, lastToken, usage, done] = events as [string, string, string, string, string, string];
  assert.match(problem([first, first, second, third, lastToken, usage, done].join("")) ?? "", /role came in 2 chunks/);
  assert.match(problem([first, second, third, lastToken, lastToken, usage, done].join("")) ?? "", /finish_reason came in 2 chunks/);
  assert.match(problem([first, second, third, lastToken, second, usage, done].join("")) ?? "", /1 content chunk\(s\) came after the finish_reason/);
  assert.match(problem([first, second, third, lastToken, usage, usage, done].join("")) ?? "", /usage chunk came 2 times/);
  assert.match(problem([first, second, third, usage, done].join("")) ?? "", /no chunk carried a finish_reason/);
});

test("with our fingerprint the check is exact: one chunk per completion token, and the text's digest", () => {
  assert.match(problem(stream(TOKENS, { fingerprint: ours, usageTokens: 5 })) ?? "", /^4 content chunks for 5 completion tokens/);
  // A middle chunk missing, everything else in order: only the digest shows it.
  const missing = stream(["The ", "brown ", "fox "], { fingerprint: ours });
  assert.match(problem(missing) ?? "", /^the content's digest [0-9a-f]{8} is not the [0-9a-f]{8} its system_fingerprint announces/);
  // The same text from a model whose fingerprint is not ours is not ours to judge.
  assert.equal(problem(stream(["The ", "brown ", "fox "], { fingerprint: "fp_44709d6fcb" })), undefined);
});

test("a completion is judged by its fingerprint only when the fingerprint is ours", () => {
  const completion = (content: string, system_fingerprint?: string) => ({ system_fingerprint, choices: [{ message: { role: "assistant", content } }] });
  assert.equal(completionProblem(completion("The quick brown fox ", ours)), undefined);
  assert.match(completionProblem(completion("The quick quick brown fox ", ours)) ?? "", /digest .* is not the/);
  assert.equal(completionProblem(completion("whatever", "fp_44709d6fcb")), undefined);
  assert.equal(completionProblem(completion("whatever")), undefined);
});
