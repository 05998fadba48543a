import assert from "node:assert/strict";
import { test } from "node:test";
import { waitForRecovery } from "../../lib/recovery.ts";

function fakeClock() {
  let now = 0;
  return { now: () => now, pause: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

test("reports the seconds until the first successful probe", async () => {
  const clock = fakeClock();
  const answers = [false, false, false, true];
  const result = await waitForRecovery({ ...clock, probe: async () => answers.shift() ?? true }, { deadlineMs: 10_000, intervalMs: 500 });
  assert.deepEqual(result, { recovered: true, seconds: 1.5, attempts: 4 });
});

test("gives up at the deadline and says it did not recover", async () => {
  const clock = fakeClock();
  const result = await waitForRecovery({ ...clock, probe: async () => false }, { deadlineMs: 2_000, intervalMs: 500 });
  assert.equal(result.recovered, false);
  assert.ok(result.seconds <= 2, `gave up after ${result.seconds}s`);
  assert.ok(result.attempts >= 4);
});

test("a probe that throws counts as not yet recovered", async () => {
  const clock = fakeClock();
  let calls = 0;
  const probe = async () => {
    calls += 1;
    if (calls === 1) throw new Error("connection refused");
    return true;
  };
  const result = await waitForRecovery({ ...clock, probe }, { deadlineMs: 5_000, intervalMs: 250 });
  assert.deepEqual(result, { recovered: true, seconds: 0.25, attempts: 2 });
});
