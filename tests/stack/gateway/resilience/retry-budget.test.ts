import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RetryBudget } from "../../../../stack/gateway/resilience/retry-budget.ts";

describe("RetryBudget (a token bucket filled per request)", () => {
  test("a fresh budget holds `burst` retries; then retries are refused", () => {
    const budget = new RetryBudget(0.5, 3);
    assert.deepEqual([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()], [true, true, true, false]);
  });

  test("each request adds `ratio` tokens, never more than `burst`", () => {
    const budget = new RetryBudget(0.5, 3);
    for (let i = 0; i < 3; i++) budget.tryRetry();
    budget.deposit();
    assert.equal(budget.tryRetry(), false, "half a token is no retry");
    budget.deposit();
    assert.equal(budget.tryRetry(), true);
    for (let i = 0; i < 100; i++) budget.deposit();
    assert.equal(budget.balance, 3);
  });

  test("a fallback is charged but never refused; its debt pauses retries until requests pay it back", () => {
    const budget = new RetryBudget(0.5, 2);
    for (let i = 0; i < 4; i++) budget.chargeFallback();
    assert.equal(budget.balance, -2);
    for (let i = 0; i < 5; i++) budget.deposit();
    assert.equal(budget.tryRetry(), false, "0.5 tokens");
    budget.deposit();
    assert.equal(budget.tryRetry(), true);
  });

  test("over many requests, retries never exceed ratio per request plus the burst", () => {
    const budget = new RetryBudget(0.8, 10);
    let retries = 0;
    for (let i = 0; i < 1000; i++) {
      budget.deposit();
      while (budget.tryRetry()) retries++;
    }
    assert.ok(retries <= 0.8 * 1000 + 10, `${retries} retries`);
  });

  test("a ratio outside 0..1 or a burst under one token is refused with what is accepted", () => {
    assert.throws(() => new RetryBudget(1.5, 10), /ratio 1.5: expected a number from 0 to 1/);
    assert.throws(() => new RetryBudget(0.5, 0), /burst 0: expected a number of tokens, at least 1/);
  });
});
