// Expected types are OpenAI's (platform.openai.com/docs/guides/error-codes and the bodies its API
// answers: 400/404 `invalid_request_error`, 401 `authentication_error`, 403 `permission_error`,
// 429 rate limits, 500 `server_error`).
import assert from "node:assert/strict";
import { test } from "node:test";
import { openAiErrorBody, openAiErrorType } from "../../contracts/openai-error.ts";

test("each status gets one OpenAI error type, every 5xx but 504 server_error", () => {
  const cases: [number, string][] = [
    [400, "invalid_request_error"], [401, "authentication_error"], [403, "permission_error"], [404, "invalid_request_error"],
    [408, "timeout_error"], [413, "invalid_request_error"], [422, "invalid_request_error"], [429, "rate_limit_error"],
    [500, "server_error"], [502, "server_error"], [503, "server_error"], [504, "timeout_error"], [418, "invalid_request_error"], [599, "server_error"],
  ];
  for (const [status, type] of cases) assert.equal(openAiErrorType(status), type, String(status));
});

test("the body carries message, type, param and code, null when not given", () => {
  assert.deepEqual(openAiErrorBody(404, "The model `x` does not exist", { code: "model_not_found" }), {
    error: { message: "The model `x` does not exist", type: "invalid_request_error", param: null, code: "model_not_found" },
  });
  assert.deepEqual(openAiErrorBody(400, "bad", { param: "messages" }).error, { message: "bad", type: "invalid_request_error", param: "messages", code: null });
});
