import assert from "node:assert/strict";
import { describe, mock, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AttemptFailure } from "../../../../stack/gateway/resilience/attempt.ts";
import { Breaker, type BreakerState } from "../../../../stack/gateway/resilience/breaker.ts";

// Real timers, short cooldowns: these tests wait for a state, they never time one.
const COOLDOWN_MS = 40;
const fail = (): Promise<never> => Promise.reject(new AttemptFailure("status", "500", true, 500));

function rig(probe?: () => Promise<unknown>) {
  const moves: BreakerState[] = [];
  const breaker = new Breaker("p", 1, COOLDOWN_MS, (_n, _from, to) => moves.push(to), probe);
  return { breaker, moves };
}

async function until(cond: () => boolean, ms = 2_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await sleep(5)) if (Date.now() > end) throw new Error("condition not met in time");
}

describe("Breaker health probe (an open breaker checks its provider itself)", () => {
  test("once the cooldown is over the probe runs with no request, and its success closes the breaker", async () => {
    let calls = 0;
    const { breaker, moves } = rig(async () => void (calls += 1));
    await breaker.execute(fail).catch(() => undefined);
    assert.equal(breaker.state, "open");
    await until(() => breaker.state === "closed");
    assert.equal(calls, 1);
    assert.deepEqual(moves, ["open", "half-open", "closed"]);
  });

  test("a failed probe re-opens the breaker, and the next one follows a cooldown later", async () => {
    let calls = 0;
    const { breaker, moves } = rig(async () => {
      calls += 1;
      if (calls < 3) throw new AttemptFailure("timeout", "no answer", true);
    });
    const t0 = Date.now();
    await breaker.execute(fail).catch(() => undefined);
    await until(() => breaker.state === "closed");
    assert.equal(calls, 3);
    assert.ok(Date.now() - t0 >= 3 * COOLDOWN_MS, "each probe waited its cooldown");
    assert.deepEqual(moves, ["open", "half-open", "open", "half-open", "open", "half-open", "closed"]);
  });

  test("a probe whose timer fires before the breaker's clock says the cooldown is over tries again", async () => {
    let calls = 0;
    const { breaker } = rig(async () => void (calls += 1));
    const frozen = Date.now();
    mock.method(Date, "now", () => frozen); // cockatiel and the breaker read Date.now; timers do not
    try {
      await breaker.execute(fail).catch(() => undefined);
      await sleep(COOLDOWN_MS * 2);
      assert.equal(calls, 0, "refused as early: the cooldown has not passed on the breaker's clock");
    } finally {
      mock.restoreAll();
    }
    await until(() => breaker.state === "closed");
    assert.equal(calls, 1);
  });

  test("without a probe the breaker stays open until a call comes (cockatiel half-opens lazily)", async () => {
    const { breaker } = rig();
    await breaker.execute(fail).catch(() => undefined);
    await sleep(COOLDOWN_MS * 3);
    assert.equal(breaker.state, "open");
  });

  test("dispose cancels the pending probe", async () => {
    let calls = 0;
    const { breaker } = rig(async () => void (calls += 1));
    await breaker.execute(fail).catch(() => undefined);
    breaker.dispose();
    await sleep(COOLDOWN_MS * 3);
    assert.equal(calls, 0);
    assert.equal(breaker.state, "open");
  });
});
