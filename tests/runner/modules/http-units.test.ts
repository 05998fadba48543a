import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyError, RequestTimeoutError } from "../../../runner/modules/http/errors.ts";
import { expectedStatuses, isExpected } from "../../../runner/modules/http/expected.ts";
import { canonicalHeaderKey, responseHeaders } from "../../../runner/modules/http/response.ts";

const errno = (code: string) => Object.assign(new Error(code), { code });

test("transport errors map to k6's error codes and messages (lib/netext/httpext/error_codes.go)", () => {
  const of = (err: unknown, bodyStarted = false) => { const e = classifyError(err, bodyStarted); return `${e.code} ${e.message}`; };
  assert.equal(of(new RequestTimeoutError()), "1050 request timeout");
  assert.equal(of(errno("ECONNREFUSED")), "1212 dial: connection refused");
  assert.equal(of(errno("UND_ERR_CONNECT_TIMEOUT")), "1211 dial: i/o timeout");
  assert.equal(of(errno("ECONNRESET")), "1220 read: connection reset by peer");
  assert.equal(of(Object.assign(errno("ECONNRESET"), { syscall: "write" })), "1220 write: connection reset by peer");
  assert.equal(of(errno("EPIPE")), "1201 write: broken pipe");
  assert.equal(of(errno("ENOTFOUND")), "1101 lookup: no such host");
  assert.equal(of(new Error("weird")), "1000 weird");
});

test("a connection closed before the response is EOF, after its headers unexpected EOF (Go's body reader)", () => {
  const closed = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  assert.deepEqual(classifyError(closed, false), { code: 1000, message: "EOF" });
  assert.deepEqual(classifyError(closed, true), { code: 1000, message: "unexpected EOF" });
});

test("a wrapped socket error is classified by its cause", () => {
  const wrapped = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: errno("ECONNRESET") });
  assert.equal(classifyError(wrapped, false).code, 1220);
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
