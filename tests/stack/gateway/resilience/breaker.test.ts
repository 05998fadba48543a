import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Breaker, type BreakerState } from "../../../../stack/gateway/resilience/breaker.ts";

function rig(threshold = 3, cooldown = 1000) {
  let now = 0;
  const moves: BreakerState[] = [];
  const breaker = new Breaker("p", threshold, cooldown, (_n, _from, to) => moves.push(to), () => now);
  return { breaker, moves, advance: (ms: number) => void (now += ms) };
}

describe("Breaker", () => {
  test("opens after `threshold` consecutive failures, and a success resets the streak", () => {
    const { breaker } = rig(3);
    for (const outcome of ["f", "f", "s", "f", "f"]) {
      assert.equal(breaker.admit().ok, true);
      if (outcome === "f") breaker.failure();
      else breaker.success();
    }
    assert.equal(breaker.state, "closed");
    breaker.admit();
    breaker.failure();
    assert.equal(breaker.state, "open");
  });

  test("open: refuses with the time left until the probe", () => {
    const { breaker, advance } = rig(1, 1000);
    breaker.admit();
    breaker.failure();
    advance(400);
    assert.deepEqual(breaker.admit(), { ok: false, retryAfterMs: 600 });
  });

  test("half-open lets exactly one probe through; others are refused at once", () => {
    const { breaker, advance, moves } = rig(1, 1000);
    breaker.admit();
    breaker.failure();
    advance(1000);
    assert.equal(breaker.admit().ok, true);
    assert.equal(breaker.admit().ok, false);
    breaker.success();
    assert.deepEqual(moves, ["open", "half-open", "closed"]);
  });

  test("a failed probe re-opens for a full cooldown; a released probe lets the next caller probe", () => {
    const { breaker, advance } = rig(1, 1000);
    breaker.admit();
    breaker.failure();
    advance(1000);
    breaker.admit();
    breaker.release();
    assert.equal(breaker.admit().ok, true, "released probe slot is free again");
    breaker.failure();
    assert.equal(breaker.state, "open");
    advance(999);
    assert.equal(breaker.admit().ok, false);
  });
});
