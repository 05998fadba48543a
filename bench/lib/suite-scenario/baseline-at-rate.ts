// bench:suite's k6 script: scenarios/baseline.ts unchanged (its iteration, probe, setup,
// teardown and every threshold) with only the `load` scenario's arrival rate and VU bounds
// replaced, because PROFILE fixes the rate (smoke 10/s, stress 200/s for 150 s) and no env
// knob sets it. Built by scripts/build.ts buildScenarios like every scenario.
//
// __ENV.BENCH_INFLIGHT: the level (concurrent requests); __ENV.BENCH_REQUEST_MS: the expected
// duration of one request at the providers' timing (bench/suite.ts sets both).
import type { Scenario } from "k6/options";
import { options as baseline } from "../../../scenarios/baseline.ts";
import { levelLoad } from "../levels.ts";

export { load, probe, setup, teardown } from "../../../scenarios/baseline.ts";

const inflight = Number(__ENV.BENCH_INFLIGHT);
const requestMs = Number(__ENV.BENCH_REQUEST_MS);
const shape = levelLoad(inflight, requestMs); // throws a sentence on a bad value
const load = baseline.scenarios?.load;
if (!load || load.executor !== "constant-arrival-rate") throw new Error("scenarios/baseline.ts no longer has a constant-arrival-rate `load` scenario: bench/lib/suite-scenario needs updating");

export const options = {
  ...baseline,
  scenarios: { ...baseline.scenarios, load: { ...load, ...shape } as Scenario },
};
