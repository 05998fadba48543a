import assert from "node:assert/strict";
import { test } from "node:test";
import { constantArrivalRate, rampingArrivalRate } from "../../../runner/executors/arrival-rate.ts";
import type { ExecutorContext, ScenarioBase } from "../../../runner/executors/types.ts";
import type { VU } from "../../../runner/vu/vu.ts";

const BASE: ScenarioBase = { name: "load", executor: "", startTime: 0, gracefulStop: 0, exec: "default", env: {}, tags: {} };

/**
 * An executor context on a fake clock: each sleep jumps the clock by `step(ms)` and resolves on
 * a later event-loop turn (after immediates queued before it). Iterations never end by themselves.
 */
function fakeContext(step: (ms: number) => number, stopAfterSleeps: number) {
  let now = 0, sleeps = 0, stopped = false;
  const log = { starts: [] as number[], drops: 0, inits: 0, activeWhileIdle: [] as boolean[] };
  const running = new Map<VU, () => void>();
  const ctx: ExecutorContext = {
    elapsed: () => now,
    get stopped() { return stopped; },
    sleep: (ms) => new Promise((resolve) => setImmediate(() => {
      now += step(ms);
      if (++sleeps >= stopAfterSleeps) stopped = true;
      resolve();
    })),
    acquireVU: (activeWhileIdle = true) => { log.inits++; log.activeWhileIdle.push(activeWhileIdle); return {} as VU; },
    releaseVU: () => undefined,
    runIteration: (vu) => { log.starts.push(now); return new Promise((resolve) => running.set(vu, () => resolve(false))); },
    loopIterations: () => Promise.reject(new Error("arrival-rate executors start iterations one by one")),
    interrupt: (vu) => running.get(vu)?.(),
    dropped: (n) => { log.drops += n; },
    warnOnce: () => undefined,
    setProgress: () => undefined,
  };
  return { ctx, log };
}

// lib/executor/constant_arrival_rate.go Run: a dropped iteration asks the unplanned-VU goroutine
// for one VU only if it is idle (`select { case makeUnplannedVUCh <- …: default: }`).
test("iterations dropped together initialize one more VU at a time, in the background, up to maxVUs", async () => {
  // 100/s; the clock jumps 50 ms per sleep, so about 5 iterations fall due at each wake-up.
  const s = constantArrivalRate.parse({ rate: 100, duration: "1s", preAllocatedVUs: 0, maxVUs: 10 }, BASE);
  const { ctx, log } = fakeContext(() => 50, 4);
  await constantArrivalRate.run(s, ctx);
  assert.ok(log.drops >= 10, `drops: ${log.drops}`);
  assert.equal(log.inits, 4, "one VU per wake-up: each burst of drops asked for one, not one per drop");
  assert.ok(log.activeWhileIdle.every((a) => a === false), "arrival-rate VUs count in vus only while busy");
});

// constant_arrival_rate.go: iteration k at k·timeUnit/rate, the first at once; ramping_arrival_rate.go
// cal(): when the rate's integral reaches k+1.
test("constant-arrival-rate starts iteration 0 at once, ramping-arrival-rate when one iteration is due", async () => {
  const constant = fakeContext((ms) => ms, 100);
  await constantArrivalRate.run(constantArrivalRate.parse({ rate: 2, duration: "2200ms", preAllocatedVUs: 5 }, BASE), constant.ctx);
  assert.deepEqual(constant.log.starts.map(Math.round), [0, 500, 1000, 1500, 2000]);
  const ramping = fakeContext((ms) => ms, 100);
  await rampingArrivalRate.run(rampingArrivalRate.parse({ startRate: 2, stages: [{ duration: "2200ms", target: 2 }], preAllocatedVUs: 5 }, BASE), ramping.ctx);
  assert.deepEqual(ramping.log.starts.map(Math.round), [500, 1000, 1500, 2000]);
});
