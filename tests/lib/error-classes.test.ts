import assert from "node:assert/strict";
import { test } from "node:test";
import { completionId, mockErrorMessage, parseMockError } from "../../contracts/mock-error.ts";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
import type { ResponseLike } from "../../lib/ai-service/outcome.ts";
import { classHeader, className, ERROR_CLASSES, expectedStatus, judgeClassAnswer, type ErrorClass } from "../../lib/error-classes.ts";

const timings = { waiting: 5, receiving: 1, duration: 6 };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): ResponseLike => ({
  status, body: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers }, error_code: 0, timings,
});
const completion = (provider: string, choices = [{ index: 0, message: { role: "assistant", content: "hello " }, finish_reason: "stop" }]) =>
  answer(200, { id: completionId(provider, 1), object: "chat.completion", choices });
const classOf = (name: string): ErrorClass => {
  const c = ERROR_CLASSES.find((x) => className(x) === name);
  assert.ok(c, name);
  return c;
};
const providersError = (c: ErrorClass) => answer(c.status, openAiErrorBody(c.status, mockErrorMessage({ provider: "provider-a", status: c.status, code: c.code }), { code: c.code }));

test("sixteen classes, each with its own tag; 400, 413 and 422 relayed, every other one failed over", () => {
  assert.deepEqual(ERROR_CLASSES.map(className), [
    "400_context_length_exceeded", "400_invalid_value", "401_invalid_api_key", "403_unsupported_country_region_territory", "404_model_not_found",
    "408", "409", "413", "422", "429_insufficient_quota", "500", "502", "503", "504", "200_unparseable", "200_empty_choices",
  ]);
  assert.deepEqual(ERROR_CLASSES.filter((c) => c.contract === "relayed").map((c) => c.status), [400, 400, 413, 422]);
  assert.deepEqual([expectedStatus(classOf("413")), expectedStatus(classOf("404_model_not_found"))], [413, 200]);
});

test("each class's header asks the primary for it, as the fake providers parse it", () => {
  for (const c of ERROR_CLASSES) assert.deepEqual(parseMockError(classHeader(c, "provider-a")), [{ provider: "provider-a", status: c.status, code: c.code }]);
});

test("a relayed class passes only as the same status with the provider's message in the contract's body", () => {
  const c = classOf("400_context_length_exceeded");
  assert.deepEqual(judgeClassAnswer(c, "provider-a", providersError(c)), { met: true, failed: false });
  assert.deepEqual(judgeClassAnswer(classOf("422"), "provider-a", providersError(classOf("422"))), { met: true, failed: false });
  // The gateway's own 400, a 502, or the class passed on to provider-b (a completion it names): met, failed.
  assert.deepEqual(judgeClassAnswer(c, "provider-a", answer(400, openAiErrorBody(400, "bad request"))), { met: true, failed: true });
  assert.deepEqual(judgeClassAnswer(c, "provider-a", answer(502, openAiErrorBody(502, "providers failed"))), { met: true, failed: true });
  assert.deepEqual(judgeClassAnswer(c, "provider-a", completion("provider-b")), { met: true, failed: true });
  assert.deepEqual(judgeClassAnswer(c, "provider-a", answer(400, '{"error":"context_length_exceeded"}')), { met: true, failed: true }, "not the contract's body");
});

test("a failover class passes only as a whole completion from another provider", () => {
  const c = classOf("404_model_not_found");
  assert.deepEqual(judgeClassAnswer(c, "provider-a", completion("provider-b")), { met: true, failed: false });
  assert.deepEqual(judgeClassAnswer(c, "provider-a", providersError(c)), { met: true, failed: true }, "the provider's 404 passed to the client");
  assert.deepEqual(judgeClassAnswer(classOf("200_empty_choices"), "provider-a", completion("provider-a", [])), { met: true, failed: true }, "the empty 200 passed on");
  assert.deepEqual(judgeClassAnswer(classOf("200_unparseable"), "provider-a", answer(200, '{"id":"chatcmpl-provider-a-1","choices":[{"ind')), { met: true, failed: true });
});

test("the primary's own completion, or one naming no provider, means the class never reached it: not met, not judged", () => {
  for (const c of [classOf("400_invalid_value"), classOf("503")]) {
    assert.deepEqual(judgeClassAnswer(c, "provider-a", completion("provider-a")), { met: false, failed: false });
    assert.deepEqual(judgeClassAnswer(c, "provider-a", answer(200, { id: "chatcmpl-abc", choices: [{ index: 0, message: { role: "assistant", content: "x" } }] })), { met: false, failed: false });
  }
});
