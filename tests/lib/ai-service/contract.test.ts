import assert from "node:assert/strict";
import { test } from "node:test";
import { headerValue, isContractErrorBody, isValidRetryAfter, isWellFormed, judgeErrorAnswer } from "../../../lib/ai-service/contract.ts";

const BODY = JSON.stringify({ error: { message: "providers unavailable", type: "service_unavailable", param: null, code: "no_provider" } });

test("accepts the contract's error body and nothing looser", () => {
  assert.equal(isContractErrorBody(BODY), true);
  assert.equal(isContractErrorBody(JSON.stringify({ error: { message: "x", type: "y" } })), true);
  assert.equal(isContractErrorBody(JSON.stringify({ error: "boom" })), false);
  assert.equal(isContractErrorBody(JSON.stringify({ message: "x", type: "y" })), false);
  assert.equal(isContractErrorBody(JSON.stringify({ error: { message: "", type: "y" } })), false);
  assert.equal(isContractErrorBody(JSON.stringify({ error: { message: "x" } })), false);
  assert.equal(isContractErrorBody("<html>502 Bad Gateway</html>"), false);
  assert.equal(isContractErrorBody(null), false);
});

test("a 503 needs Retry-After, a 502 does not", () => {
  assert.deepEqual(judgeErrorAnswer(503, BODY, {}), { body: true, status: true, retryAfter: false });
  assert.deepEqual(judgeErrorAnswer(503, BODY, { "Retry-After": "2" }), { body: true, status: true, retryAfter: true });
  assert.equal(isWellFormed(judgeErrorAnswer(502, BODY, {})), true);
});

test("a status the contract does not name is not well-formed", () => {
  assert.equal(judgeErrorAnswer(500, BODY, {}).status, false);
  assert.equal(isWellFormed(judgeErrorAnswer(500, BODY, {})), false);
});

test("headers are found whatever their case; Retry-After is seconds or an HTTP date", () => {
  assert.equal(headerValue({ "retry-after": "1" }, "Retry-After"), "1");
  assert.equal(isValidRetryAfter("3"), true);
  assert.equal(isValidRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), true);
  assert.equal(isValidRetryAfter("soon"), false);
  assert.equal(isValidRetryAfter(""), false);
  assert.equal(isValidRetryAfter(undefined), false);
});
