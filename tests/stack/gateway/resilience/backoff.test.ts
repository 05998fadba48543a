import assert from "node:assert/strict";
import { afterEach, describe, mock, test } from "node:test";
import type { IBackoff } from "cockatiel";
import { AttemptFailure } from "../../../../stack/gateway/resilience/attempt.ts";
import { longestWaitMs, retryBackoff, type RetryContext } from "../../../../stack/gateway/resilience/backoff.ts";

const failed = (retryAfter?: number): RetryContext => ({ attempt: 1, signal: new AbortController().signal, result: { error: new AttemptFailure("status", "503", true, 503, retryAfter) } });

// The wait before retry number `retry` (0-based), walking cockatiel's backoff chain as RetryPolicy does.
function waitBefore(retry: number, baseMs: number, ctx = failed()): number {
  let step: IBackoff<RetryContext> = retryBackoff(baseMs).next(ctx);
  for (let i = 0; i < retry; i++) step = step.next(ctx);
  return step.duration;
}

describe("backoff and Retry-After", () => {
  afterEach(() => mock.restoreAll());

  test("backoff doubles per retry with jitter between half and the full step, capped at 2 s", () => {
    mock.method(Math, "random", () => 0);
    assert.equal(waitBefore(0, 50), 25);
    mock.method(Math, "random", () => 1);
    assert.equal(waitBefore(0, 50), 50);
    assert.equal(waitBefore(2, 50), 200);
    assert.equal(waitBefore(20, 50), 2000);
  });

  test("the failed attempt's Retry-After raises the wait, never lowers it", () => {
    mock.method(Math, "random", () => 0);
    assert.equal(waitBefore(0, 50, failed(1000)), 1000);
    assert.equal(waitBefore(0, 50, failed(5)), 25);
  });

  test("the longest possible wait is the full step or Retry-After, whichever is longer", () => {
    assert.equal(longestWaitMs(0, 50, undefined), 50);
    assert.equal(longestWaitMs(2, 50, 100), 200);
    assert.equal(longestWaitMs(20, 50, undefined), 2000);
    assert.equal(longestWaitMs(0, 50, 30_000), 30_000);
  });
});
