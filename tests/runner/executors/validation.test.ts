import assert from "node:assert/strict";
import { test } from "node:test";
import { planScenarios } from "../../../runner/executors/index.ts";

const plan = (o: Record<string, unknown>) => planScenarios({ s: o })[0]!;
const cfg = (o: Record<string, unknown>) => plan(o).config as unknown as Record<string, unknown>;
const refused = (o: Record<string, unknown>, message: RegExp) => assert.throws(() => plan(o), message);

const car = { executor: "constant-arrival-rate", rate: 10, duration: "2s", preAllocatedVUs: 2 };
const rar = { executor: "ramping-arrival-rate", stages: [{ duration: "1s", target: 5 }], preAllocatedVUs: 2 };

test("arrival-rate executors default timeUnit to 1s and maxVUs to preAllocatedVUs", () => {
  for (const o of [car, rar]) assert.deepEqual([cfg(o).timeUnit, cfg(o).maxVUs], [1000, 2]);
});

test("arrival-rate executors refuse a zero timeUnit and maxVUs below preAllocatedVUs, naming the scenario", () => {
  for (const o of [car, rar]) {
    refused({ ...o, timeUnit: "0s" }, /executor s: the timeUnit must be more than 0/);
    refused({ ...o, maxVUs: 1 }, /executor s: maxVUs can't be less than preAllocatedVUs/);
    refused({ ...o, preAllocatedVUs: undefined }, /executor s: the preAllocatedVUs option is required/);
  }
});

test("arrival-rate options are read in one order: a missing preAllocatedVUs is reported before a bad rate, a bad rate before a bad timeUnit", () => {
  refused({ executor: "constant-arrival-rate" }, /the preAllocatedVUs option is required/);
  refused({ ...car, rate: 0, timeUnit: "x" }, /rate must be at least 1/);
  refused({ ...rar, startRate: -1, timeUnit: "x" }, /startRate must be non-negative/);
  refused({ ...car, timeUnit: "x", duration: "x" }, /timeUnit/);
});

test("arrival-rate descriptions end with the VU bounds and gracefulStop", () => {
  const c = plan({ ...car, maxVUs: 4 });
  assert.equal(c.executor.describe(c.config), "10 iterations/1s for 2s (maxVUs: 2-4, gracefulStop: 30s)");
  const r = plan(rar);
  assert.equal(r.executor.describe(r.config), "Up to 5 iterations/1s over 1 stages (maxVUs: 2-2, gracefulStop: 30s)");
});

test("counted executors default to 1 VU, 1 iteration and a 10m maxDuration", () => {
  for (const executor of ["per-vu-iterations", "shared-iterations"]) {
    const c = cfg({ executor });
    assert.deepEqual([c.vus, c.iterations, c.maxDuration], [1, 1, 600_000]);
    const p = plan({ executor });
    assert.equal(p.executor.maxDuration(p.config), 630_000);
  }
});

test("shared-iterations refuses fewer iterations than VUs; per-vu-iterations takes them", () => {
  refused({ executor: "shared-iterations", vus: 3, iterations: 2 }, /the number of iterations \(2\) can't be less than the number of VUs \(3\)/);
  assert.deepEqual([cfg({ executor: "per-vu-iterations", vus: 3, iterations: 2 }).vus], [3]);
});
