import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import { lastJsonLine, runCli, type CliResult } from "../helpers/cli.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/all-executors.ts", import.meta.url));

/** Asserts `value` within [lo, hi] with a message naming what it is. */
function within(what: string, value: unknown, lo: number, hi: number): void {
  assert.equal(typeof value, "number", `${what} missing`);
  assert.ok((value as number) >= lo && (value as number) <= hi, `${what} = ${String(value)}, expected ${lo}..${hi}`);
}

/**
 * All six executors run side by side in one 2 s test (fixtures/all-executors.ts); counts come
 * from the summary data. Tolerances allow for a shared 2-core machine, not for wrong models.
 */
describe("executors", () => {
  let run: CliResult;
  let c: Record<string, unknown>;
  before(async () => {
    run = await runCli(["run", "-q", FIXTURE], { timeoutMs: 30_000 });
    c = lastJsonLine(run.stdout);
  });
  const it = (s: string) => c[`iterations{scenario:${s}}`];

  test("the run exits 0 and ends after the longest scenario plus its graceful stop", () => {
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.ms < 12_000, `took ${run.ms} ms`);
  });
  test("constant-vus: 2 VUs looping 100 ms iterations for 1 s complete about 20 (±4)", () => within("cvus", it("cvus"), 16, 22));
  test("ramping-vus: 0→4→0 VUs over 2 s with 50 ms iterations complete about 80 (k6 whole-VU steps)", () => within("rvus", it("rvus"), 60, 82));
  test("constant-arrival-rate: 20/s for 1 s schedules 20; with 300 ms iterations and maxVUs 4 the rest is dropped", () => {
    const started = it("car") as number, dropped = c["dropped_iterations{scenario:car}"] as number;
    within("car started + dropped", started + dropped, 19, 21);
    within("car dropped", dropped, 4, 12);
  });
  test("ramping-arrival-rate: 0→20/s over 1 s then 20/s for 1 s starts about 30 (±2)", () => within("rar", it("rar"), 28, 31));
  test("per-vu-iterations: 3 VUs × 4 iterations is exactly 12", () => assert.equal(it("pvi"), 12));
  test("shared-iterations: 10 iterations over 3 VUs is exactly 10", () => assert.equal(it("shi"), 10));
  test("startTime delays a scenario's first iteration by at least 1 s", () => within("late start offset (ms)", c.start_offset, 990, 1600));
  test("maxDuration ends a shared-iterations scenario and drops the iterations not started", () => {
    const done = it("maxdur") as number, dropped = c["dropped_iterations{scenario:maxdur}"] as number;
    within("maxdur completed", done, 2, 4);
    assert.ok(done + dropped >= 98 && done + dropped <= 100, `completed ${done} + dropped ${dropped}`);
  });
  test("gracefulStop interrupts an iteration that outlives it: interrupted iterations are not counted", () => assert.equal(it("cut"), 0));
  test("VUs are shared between scenarios that do not overlap, and vus_max is the planned maximum", () => within("vus_max", c.vus_max, 10, 30));
});
