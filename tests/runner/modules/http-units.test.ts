import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyError, RequestTimeoutError } from "../../../runner/modules/http/errors.ts";
import { expectedStatuses, isExpected } from "../../../runner/modules/http/expected.ts";
import { canonicalHeaderKey, responseHeaders } from "../../../runner/modules/http/response.ts";

const errno = (code: string) => Object.assign(new Error(code), { code });

test("transport errors map to k6's error codes", () => {
  assert.equal(classifyError(new RequestTimeoutError(), "h:1").code, 1050);
  assert.equal(classifyError(errno("ECONNREFUSED"), "h:1").code, 1212);
  assert.equal(classifyError(errno("UND_ERR_CONNECT_TIMEOUT"), "h:1").code, 1211);
  assert.equal(classifyError(errno("ECONNRESET"), "h:1").code, 1220);
  assert.equal(classifyError(errno("ENOTFOUND"), "h:1").code, 1101);
  assert.equal(classifyError(new Error("weird"), "h:1").code, 1000);
});

test("a wrapped socket error is classified by its cause", () => {
  const wrapped = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: errno("ECONNRESET") });
  assert.equal(classifyError(wrapped, "h:1").code, 1220);
});

test("header names are canonicalized as Go does and repeated values joined", () => {
  assert.equal(canonicalHeaderKey("content-type"), "Content-Type");
  assert.equal(canonicalHeaderKey("X-REQUEST-ID"), "X-Request-Id");
  assert.deepEqual(responseHeaders([Buffer.from("set-cookie"), Buffer.from("a=1"), Buffer.from("Set-Cookie"), Buffer.from("b=2")]), { "Set-Cookie": "a=1, b=2" });
});

test("expectedStatuses accepts integers and inclusive ranges, and status 0 is never expected by default ranges", () => {
  const cb = expectedStatuses(429, { min: 200, max: 299 });
  assert.deepEqual([200, 299, 300, 429, 0].map((s) => isExpected(cb, s)), [true, true, false, true, false]);
  assert.throws(() => expectedStatuses("200" as unknown as number), TypeError);
});
