import assert from "node:assert/strict";
import { test } from "node:test";
import { classify, metSlo, type ResponseLike } from "../../../lib/ai-service/outcome.ts";
import { contentFingerprint } from "../../../contracts/text-digest.ts";

const timings = { waiting: 120, receiving: 300, duration: 420 };
// A 200 says what it is: every stream here is text/event-stream unless a test says otherwise.
const res = (over: Partial<ResponseLike>): ResponseLike => ({ status: 200, body: "", headers: { "Content-Type": "text/event-stream" }, error_code: 0, timings, ...over });
const errorBody = (type: string) => JSON.stringify({ error: { message: "m", type, param: null, code: null } });
const COMPLETION = JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi" } }], usage: { prompt_tokens: 3, completion_tokens: 7 } });
const chunk = (c: string) => `data: {"choices":[{"delta":{"content":"${c}"}}]}\n\n`;
const last = (c: string) => `data: {"choices":[{"delta":{"content":"${c}"},"finish_reason":"stop"}]}\n\n`;
const USAGE = `data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\n`;

test("a completion is ok and reports its output tokens", () => {
  const o = classify(res({ body: COMPLETION }), { stream: false });
  assert.equal(o.ok, true);
  assert.equal(o.outputTokens, 7);
  assert.equal(o.errorClass, undefined);
});

test("a complete stream gives TTFT from time to first byte and time per token after the first", () => {
  const o = classify(res({ body: `${chunk("a")}${last("b")}${USAGE}data: [DONE]\n\n` }), { stream: true });
  assert.equal(o.ok, true);
  assert.equal(o.ttftMs, 120);
  assert.equal(o.outputTokens, 4);
  assert.equal(o.tpotMs, 100); // 300 ms receiving over 3 tokens after the first
});

test("transport failures are timeout (k6 code 1050) or reset, and never well-formed", () => {
  assert.equal(classify(res({ status: 0, error_code: 1050, error: "request timeout" }), { stream: false }).errorClass, "timeout");
  const reset = classify(res({ status: 0, error_code: 1220, error: "read: connection reset by peer" }), { stream: false });
  assert.equal(reset.errorClass, "reset");
  assert.equal(reset.wellFormed, false);
});

test("error answers are classed by status whatever their body; the body is judged by wellFormed", () => {
  assert.equal(classify(res({ status: 429, body: errorBody("rate_limit"), headers: { "Retry-After": "1" } }), { stream: false }).errorClass, "429");
  assert.equal(classify(res({ status: 503, body: errorBody("unavailable") }), { stream: false }).errorClass, "5xx");
  assert.equal(classify(res({ status: 401, body: errorBody("auth") }), { stream: false }).errorClass, "4xx");
  const html = classify(res({ status: 502, body: "<html>bad gateway</html>" }), { stream: false });
  assert.equal(html.errorClass, "5xx");
  assert.equal(html.wellFormed, false);
  const raw500 = classify(res({ status: 500, body: "Internal Server Error: boom" }), { stream: false, expect: [400] });
  assert.equal(raw500.errorClass, "5xx");
  assert.equal(raw500.wellFormed, false);
});

test("a status the request expected is accepted by the contract check even if the contract does not name it", () => {
  const o = classify(res({ status: 415, body: errorBody("invalid_request_error") }), { stream: false, expect: [400, 415] });
  assert.equal(o.ok, true);
  assert.equal(o.wellFormed, true);
  assert.equal(classify(res({ status: 415, body: errorBody("invalid_request_error") }), { stream: false }).wellFormed, false);
});

test("a 503 without Retry-After fails and is not well-formed; with it, it is", () => {
  assert.equal(classify(res({ status: 503, body: errorBody("x") }), { stream: false }).wellFormed, false);
  assert.equal(classify(res({ status: 503, body: errorBody("x"), headers: { "retry-after": "2" } }), { stream: false }).wellFormed, true);
});

test("an expected 400 with the contract's body is ok, and its body is still judged", () => {
  const o = classify(res({ status: 400, body: errorBody("invalid_request_error") }), { stream: false, expect: [400] });
  assert.equal(o.ok, true);
  assert.equal(o.wellFormed, true);
  const bare = classify(res({ status: 400, body: "bad" }), { stream: false, expect: [400] });
  assert.equal(bare.ok, false);
  assert.equal(bare.errorClass, "malformed");
});

test("an error event inside a 200 stream is an in-band failure", () => {
  const o = classify(res({ body: `${chunk("a")}data: ${errorBody("upstream_error")}\n\n` }), { stream: true });
  assert.equal(o.ok, false);
  assert.equal(o.errorClass, "in_band");
  assert.equal(o.wellFormed, true);
});

test("a 200 stream without [DONE] or an error is a silent cut", () => {
  const o = classify(res({ body: `${chunk("a")}${chunk("b")}` }), { stream: true });
  assert.equal(o.errorClass, "stream_cut");
  assert.equal(o.wellFormed, false);
});

test("a 200 whose body is not a completion is malformed", () => {
  assert.equal(classify(res({ body: "OK" }), { stream: false }).errorClass, "malformed");
  assert.equal(classify(res({ body: "{}" }), { stream: false }).errorClass, "malformed");
  assert.equal(classify(res({ body: `data: nope\n\ndata: [DONE]\n\n` }), { stream: true }).errorClass, "malformed");
  // No choice at all is no answer: the contract fails it over at the gateway, so the client must never see it as ok.
  const empty = classify(res({ body: JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }) }), { stream: false });
  assert.deepEqual([empty.ok, empty.errorClass, empty.started], [false, "malformed", false]);
});

test("an answer has started once it succeeded or a stream carried content; only then can no retry hide its failure", () => {
  const started = (r: Partial<ResponseLike>, stream: boolean) => classify(res(r), { stream }).started;
  assert.equal(started({ body: COMPLETION }, false), true);
  assert.equal(started({ body: `${chunk("a")}data: [DONE]\n\n` }, true), true);
  assert.equal(started({ body: `${chunk("a")}data: ${errorBody("upstream_error")}\n\n` }, true), true, "in-band error after a token");
  assert.equal(started({ body: `${chunk("a")}` }, true), true, "cut after a token");
  assert.equal(started({ body: `data: ${errorBody("upstream_error")}\n\ndata: [DONE]\n\n` }, true), false, "in-band error before any token");
  assert.equal(started({ body: "" }, true), false, "200 stream cut before any token");
  assert.equal(started({ status: 503, body: errorBody("unavailable"), headers: { "Retry-After": "1" } }, true), false);
  assert.equal(started({ status: 0, error_code: 1050, error: "request timeout" }, false), false);
  assert.equal(started({ status: 400, body: errorBody("invalid_request_error") }, false), false);
});

// k6 reports a transport failure after the status line as status 0 with the body read so far:
// lib/netext/httpext/request.go (MakeRequest leaves Status unset when readResponseBody fails) and
// compression.go (readResponseBody returns the partial buffer with the error).
const broken = (body: string | null, error = "unexpected EOF"): Partial<ResponseLike> => ({ status: 0, error_code: 1000, error, body });

test("a stream that breaks mid-body is a stream_cut whose answer had started, not an unanswered reset", () => {
  const o = classify(res(broken(`${chunk("a")}${chunk("b")}`)), { stream: true });
  assert.equal(o.errorClass, "stream_cut");
  assert.equal(o.started, true);
  assert.equal(o.ok, false);
  assert.equal(o.wellFormed, false);
  assert.equal(o.stream?.done, false, "the stream report shows what came");
  assert.equal(o.ttftMs, undefined, "ai_ttft is of streams answered 200");
});

test("only a request with no token of answer counts as unanswered: a break before any byte, or before the first token", () => {
  for (const body of [null, ""]) {
    const o = classify(res(broken(body, "read: connection reset by peer")), { stream: true });
    assert.deepEqual([o.errorClass, o.started], ["reset", false], `body ${JSON.stringify(body)}`);
  }
  const noToken = classify(res(broken(`data: {"choices":[{"delta":{"role":"assistant"}}]}\n\n`)), { stream: true });
  assert.deepEqual([noToken.errorClass, noToken.started], ["stream_cut", false]);
});

test("a break after an in-band error event is that in-band error; a timeout mid-body stays a timeout, started", () => {
  const inBand = classify(res(broken(`${chunk("a")}data: ${errorBody("upstream_error")}\n\n`)), { stream: true });
  assert.deepEqual([inBand.errorClass, inBand.wellFormed, inBand.started], ["in_band", true, true]);
  const hung = classify(res({ ...broken(chunk("a"), "request timeout"), error_code: 1050 }), { stream: true });
  assert.deepEqual([hung.errorClass, hung.started, hung.wellFormed], ["timeout", true, false]);
});

test("a JSON answer cut mid-body is a reset whose answer had started", () => {
  const o = classify(res(broken(COMPLETION.slice(0, 20))), { stream: false });
  assert.deepEqual([o.errorClass, o.started, o.ok], ["reset", true, false]);
});

test("a 200 stream that arrived but not intact is corrupt: started, failed, not well formed, with the reason", () => {
  const whole = `${chunk("a")}${last("b")}${USAGE}data: [DONE]\n\n`;
  const noType = classify(res({ body: whole, headers: {} }), { stream: true });
  assert.deepEqual([noType.errorClass, noType.ok, noType.started, noType.wellFormed], ["corrupt", false, true, false]);
  assert.match(noType.problem ?? "", /content-type is missing, not text\/event-stream/);
  // --fragile=corrupt-stream's defect: the first content chunk sent twice.
  const first = `data: {"choices":[{"delta":{"role":"assistant","content":"a"}}]}\n\n`;
  const repeated = classify(res({ body: `${first}${first}${last("b")}${USAGE}data: [DONE]\n\n` }), { stream: true });
  assert.deepEqual([repeated.errorClass, repeated.problem], ["corrupt", "the role came in 2 chunks (a repeated first chunk)"]);
  assert.equal(classify(res({ body: whole, headers: { "content-type": "text/event-stream; charset=utf-8" } }), { stream: true }).ok, true);
});

test("a stream that breaks mid-body stays a stream_cut, carrying no corrupt reason, even when what came was not intact", () => {
  const o = classify(res({ status: 0, error_code: 1000, error: "unexpected EOF", headers: {}, body: `${chunk("a")}${chunk("a")}` }), { stream: true });
  assert.deepEqual([o.errorClass, o.problem], ["stream_cut", undefined]);
});

test("a JSON completion whose fingerprint is the fake providers' must carry exactly the text it announces", () => {
  const completion = (content: string, fingerprint: string) => JSON.stringify({ choices: [{ message: { role: "assistant", content } }], system_fingerprint: fingerprint });
  assert.equal(classify(res({ body: completion("hello there", contentFingerprint("hello there")) }), { stream: false }).ok, true);
  const altered = classify(res({ body: completion("hello hello there", contentFingerprint("hello there")) }), { stream: false });
  assert.deepEqual([altered.errorClass, altered.started, altered.wellFormed], ["corrupt", true, false]);
  assert.equal(classify(res({ body: completion("anything", "fp_44709d6fcb") }), { stream: false }).ok, true, "a real model's fingerprint is not ours to check");
});

test("the gaps between a stream's content events: one per pair of events, each the stream's mean (k6 reads the body whole), none for a broken stream", () => {
  // 300 ms from first byte to last over 2 gaps between 3 content events (the usage chunk and [DONE] carry none).
  const whole = classify(res({ body: `${chunk("a")}${chunk("b")}${last("c")}${USAGE}data: [DONE]\n\n` }), { stream: true });
  assert.deepEqual(whole.gaps, { count: 2, ms: 150 });
  assert.equal(classify(res({ body: `${last("a")}${USAGE}data: [DONE]\n\n` }), { stream: true }).gaps, undefined, "one event has no gap");
  assert.equal(classify(res({ body: COMPLETION }), { stream: false }).gaps, undefined, "not a stream");
  assert.equal(classify(res({ status: 0, error_code: 1000, error: "unexpected EOF", body: `${chunk("a")}${chunk("b")}` }), { stream: true }).gaps, undefined, "a break has no timings");
});

test("output tokens come from the usage object of streamed and non-streamed answers alike", () => {
  assert.equal(classify(res({ body: COMPLETION }), { stream: false }).outputTokens, 7);
  assert.equal(classify(res({ body: `${chunk("a")}${last("b")}${USAGE}data: [DONE]\n\n` }), { stream: true }).outputTokens, 4);
});

test("goodput: a request is good when it succeeded and met the TTFT, time-per-token and latency SLOs together, each per request", () => {
  const slo = { ttftP95Ms: 150, timePerTokenP95Ms: 100, latencyP95Ms: 500 };
  const stream = classify(res({ body: `${chunk("a")}${last("b")}${USAGE}data: [DONE]\n\n` }), { stream: true }); // TTFT 120, TPOT 100
  assert.equal(metSlo(stream, 420, slo), true);
  assert.equal(metSlo(stream, 420, { ...slo, ttftP95Ms: 119 }), false, "TTFT over");
  assert.equal(metSlo(stream, 420, { ...slo, timePerTokenP95Ms: 99 }), false, "time per token over");
  assert.equal(metSlo(stream, 501, slo), false, "latency over");
  // A completion has no TTFT or TPOT: only its latency counts.
  assert.equal(metSlo(classify(res({ body: COMPLETION }), { stream: false }), 420, { ...slo, ttftP95Ms: 1 }), true);
  assert.equal(metSlo(classify(res({ status: 503, body: errorBody("x"), headers: { "retry-after": "1" } }), { stream: false }), 10, slo), false, "a failure is never good");
});
