import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_RETRY_AFTER_MS, RetryAfterGate, retryAfterMs } from "../../../../stack/gateway/resilience/retry-after.ts";

describe("Retry-After", () => {
  test("Retry-After is read as ms, seconds or an HTTP date; garbage is ignored", () => {
    assert.equal(retryAfterMs({ "retry-after-ms": "250" }), 250);
    assert.equal(retryAfterMs({ "retry-after": "2" }), 2000);
    assert.equal(retryAfterMs({ "retry-after": new Date(10_000).toUTCString() }, 4000), 6000);
    assert.equal(retryAfterMs({ "retry-after": "soon" }), undefined);
    assert.equal(retryAfterMs({}), undefined);
  });

  test("the gate holds a provider from its Retry-After until that time has passed, per provider", () => {
    const gate = new RetryAfterGate();
    gate.note("provider-a", { status: 429, retryAfterMs: 2000 }, 1000);
    assert.deepEqual(gate.limit("provider-a", 1000), { waitMs: 2000, status: 429 });
    assert.deepEqual(gate.limit("provider-a", 2999), { waitMs: 1, status: 429 });
    assert.equal(gate.limit("provider-a", 3000).waitMs, 0);
    assert.equal(gate.limit("provider-b", 1000).waitMs, 0);
  });

  test("a failure without Retry-After changes nothing; a shorter one never shortens the wait", () => {
    const gate = new RetryAfterGate();
    gate.note("provider-a", { status: 503 }, 0);
    assert.equal(gate.limit("provider-a", 0).waitMs, 0);
    gate.note("provider-a", { status: 503, retryAfterMs: 5000 }, 0);
    gate.note("provider-a", { status: 429, retryAfterMs: 1000 }, 0);
    assert.deepEqual(gate.limit("provider-a", 0), { waitMs: 5000, status: 503 });
  });

  test("a Retry-After beyond the cap is honoured for the cap only", () => {
    const gate = new RetryAfterGate();
    gate.note("provider-a", { status: 429, retryAfterMs: 86_400_000 }, 0);
    assert.equal(gate.limit("provider-a", 0).waitMs, MAX_RETRY_AFTER_MS);
  });
});
