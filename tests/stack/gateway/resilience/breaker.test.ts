import assert from "node:assert/strict";
import { afterEach, describe, mock, test } from "node:test";
import { AttemptFailure, ClientGoneError } from "../../../../stack/gateway/resilience/attempt.ts";
import { Breaker, type BreakerState } from "../../../../stack/gateway/resilience/breaker.ts";

// A breaker on a mocked clock (cockatiel reads Date.now), recording its transitions.
function rig(threshold = 3, cooldown = 1000) {
  let now = 1_000_000;
  mock.method(Date, "now", () => now);
  const moves: BreakerState[] = [];
  const breaker = new Breaker("p", threshold, cooldown, (_n, _from, to) => moves.push(to));
  return { breaker, moves, advance: (ms: number) => void (now += ms) };
}

const fail = (): Promise<never> => Promise.reject(new AttemptFailure("status", "500", true, 500));
const ok = (): Promise<string> => Promise.resolve("ok");
// Runs one call through the breaker; resolves to "ok", the failure's reason, or the error itself.
const run = (b: Breaker, fn: () => Promise<unknown>): Promise<unknown> => b.execute(fn).catch((e: unknown) => (e instanceof AttemptFailure ? e.reason : e));

describe("Breaker (cockatiel circuitBreaker adapter)", () => {
  afterEach(() => mock.restoreAll());

  test("opens after `threshold` consecutive failures, and a success resets the streak", async () => {
    const { breaker } = rig(3);
    for (const fn of [fail, fail, ok, fail, fail]) await run(breaker, fn);
    assert.equal(breaker.state, "closed");
    await run(breaker, fail);
    assert.equal(breaker.state, "open");
  });

  test("open: refuses with the time left until the probe", async () => {
    const { breaker, advance } = rig(1, 1000);
    await run(breaker, fail);
    advance(400);
    const refusal = await breaker.execute(ok).catch((e: unknown) => e);
    assert.ok(refusal instanceof AttemptFailure);
    assert.equal(refusal.reason, "breaker-open");
    assert.equal(refusal.retryable, false);
    assert.equal(refusal.retryAfterMs, 600);
  });

  test("half-open lets exactly one probe through; others are refused at once", async () => {
    const { breaker, advance, moves } = rig(1, 1000);
    await run(breaker, fail);
    advance(1000);
    let finish = (): void => {};
    const probe = run(breaker, () => new Promise((done) => (finish = () => done("ok"))));
    assert.equal(breaker.state, "half-open");
    assert.equal(await run(breaker, ok), "breaker-open", "a second caller does not wait for the probe");
    finish();
    assert.equal(await probe, "ok");
    assert.deepEqual(moves, ["open", "half-open", "closed"]);
  });

  test("a failed probe re-opens for a full cooldown", async () => {
    const { breaker, advance } = rig(1, 1000);
    await run(breaker, fail);
    advance(1000);
    assert.equal(await run(breaker, fail), "status");
    assert.equal(breaker.state, "open");
    advance(999);
    assert.equal(await run(breaker, ok), "breaker-open");
  });

  test("a probe whose client left re-opens (never admits everyone on no evidence)", async () => {
    const { breaker, advance, moves } = rig(1, 1000);
    await run(breaker, fail);
    advance(1000);
    const gone = await run(breaker, () => Promise.reject(new ClientGoneError("client closed the request")));
    assert.ok(gone instanceof ClientGoneError, "the caller still sees that its client left");
    assert.deepEqual(moves, ["open", "half-open", "open"]);
  });

  test("closed: a client that left and other non-failures neither count nor reset the streak", async () => {
    const { breaker } = rig(2);
    await run(breaker, fail);
    const other = new Error("client error passed through");
    assert.equal(await run(breaker, () => Promise.reject(other)), other);
    assert.ok((await run(breaker, () => Promise.reject(new ClientGoneError("gone")))) instanceof ClientGoneError);
    assert.equal(breaker.state, "closed");
    await run(breaker, fail);
    assert.equal(breaker.state, "open");
  });
});
