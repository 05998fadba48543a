import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffMs, retryAfterMs } from "../../../../stack/gateway/resilience/backoff.ts";

describe("backoff and Retry-After", () => {
  test("backoff doubles per retry with jitter between half and the full step, capped at 2 s", () => {
    assert.equal(backoffMs(0, 50, () => 0), 25);
    assert.equal(backoffMs(0, 50, () => 1), 50);
    assert.equal(backoffMs(2, 50, () => 1), 200);
    assert.equal(backoffMs(20, 50, () => 1), 2000);
  });

  test("Retry-After is read as ms, seconds or an HTTP date; garbage is ignored", () => {
    assert.equal(retryAfterMs({ "retry-after-ms": "250" }), 250);
    assert.equal(retryAfterMs({ "retry-after": "2" }), 2000);
    assert.equal(retryAfterMs({ "retry-after": new Date(10_000).toUTCString() }, 4000), 6000);
    assert.equal(retryAfterMs({ "retry-after": "soon" }), undefined);
    assert.equal(retryAfterMs({}), undefined);
  });
});
