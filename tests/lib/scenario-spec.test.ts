// buildScenario turns one declaration into the k6 options, the plan and the fault tracks; the
// config comes from a fake env (parseConfig), as __ENV would give it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../../lib/config.ts";
import { httpFault, networkFault, podTermination, wait } from "../../lib/faults/tracks.ts";
import { buildScenario, loadPool, type ScenarioSpec } from "../../lib/scenario-spec.ts";
import type { Scenario } from "k6/options";
import { maskedErrors } from "../../thresholds/degradation.ts";
import { SLO_DEFAULTS } from "../../thresholds/slo.ts";

// The two backends as buildScenario sees them: the local controller counts what faults affected
// and the links' upstream traffic, xk6-disruptor neither.
const local = { countsAffected: true, countsTraffic: true };
const k8s = { countsAffected: false, countsTraffic: false };
const slo = SLO_DEFAULTS;

const spec: ScenarioSpec = {
  name: "two-links",
  faults: [[networkFault("provider-a", { action: "drop" })], [networkFault("provider-b", { action: "latency", latency: "1s" })]],
  thresholds: maskedErrors(SLO_DEFAULTS),
};

test("every fault track is a 1-VU disrupt scenario from the fault's start, all served by the one `disrupt` exec", () => {
  const { options, tracks } = buildScenario(spec, parseConfig({}), local, slo);
  assert.deepEqual(Object.keys(options.scenarios ?? {}), ["load", "probe", "disrupt", "disrupt-2", "sampler"]);
  assert.deepEqual(options.scenarios?.["disrupt-2"], { executor: "shared-iterations", exec: "disrupt", vus: 1, iterations: 1, gracefulStop: "22s", startTime: "6s", maxDuration: "26s" });
  assert.deepEqual(tracks.map((t) => t.name), ["disrupt", "disrupt-2"]);
});

test("the plan shows the options' executors, in ms and per second", () => {
  const { options, plan } = buildScenario(spec, parseConfig({ RATE: "30" }), local, slo);
  assert.deepEqual(plan.executors.map((e) => e.name), Object.keys(options.scenarios ?? {}));
  // 400 − 13 (probe 10, two disrupt tracks, the sampler) = 387.
  assert.deepEqual(plan.executors[0], { name: "load", executor: "constant-arrival-rate", exec: "load", startMs: 0, durationMs: 22_000, rate: 30, preAllocatedVUs: 387, maxVUs: 387 });
  assert.deepEqual(plan.executors[3], { name: "disrupt-2", executor: "shared-iterations", exec: "disrupt", startMs: 6_000, durationMs: 26_000, vus: 1 });
});

test("the load pool is what vusMax leaves the other scenarios, never under Little's law at the SLO's typical latency, all pre-allocated", () => {
  const smoke = parseConfig({}).runProfile;
  // 400 − 12 (probe 10, two disrupt tracks) = 388.
  assert.deepEqual(loadPool(smoke, 2_000, 12), { preAllocatedVUs: 388, maxVUs: 388 });
  // A surge's 93 VUs leave the load 296; less than 120/s × 2 s = 240 would be raised to 240.
  assert.deepEqual(loadPool(smoke, 2_000, 104), { preAllocatedVUs: 296, maxVUs: 296 });
  assert.deepEqual(loadPool(smoke, 2_000, 300), { preAllocatedVUs: 240, maxVUs: 240 });
  // PRE_ALLOCATED_VUS / MAX_VUS are kept as given; one given alone moves the other as far as it must.
  assert.deepEqual(loadPool({ ...smoke, preAllocatedVUs: 100, maxVUs: 150 }, 2_000, 12), { preAllocatedVUs: 100, maxVUs: 150 });
  assert.deepEqual(loadPool({ ...smoke, maxVUs: 150 }, 2_000, 12), { preAllocatedVUs: 150, maxVUs: 150 });
  assert.deepEqual(loadPool({ ...smoke, preAllocatedVUs: 100 }, 2_000, 12), { preAllocatedVUs: 100, maxVUs: 388 });
  assert.deepEqual(loadPool({ ...smoke, preAllocatedVUs: 2_000 }, 2_000, 12), { preAllocatedVUs: 2_000, maxVUs: 2_000 });
});

// A surge as lib/surge.ts makes one (that module sends requests, so it needs k6): 2 per second per
// timeUnit of 500 ms, from the fault's start.
const surge: Scenario = {
  executor: "ramping-arrival-rate", exec: "surge", startTime: "6s", startRate: 5, timeUnit: "500ms",
  stages: [{ duration: "1.6s", target: 10 }, { duration: "6.4s", target: 10 }], preAllocatedVUs: 84, maxVUs: 192,
};

test("a ramping scenario shows its start and peak rate per second, and its stages' length", () => {
  const { plan } = buildScenario({ ...spec, more: { surge } }, parseConfig({}), local, slo);
  assert.deepEqual(plan.executors.find((e) => e.name === "surge"), {
    name: "surge", executor: "ramping-arrival-rate", exec: "surge", startMs: 6_000, durationMs: 8_000, rate: 10, peakRate: 20,
    stages: [{ durationMs: 1_600, rate: 20 }, { durationMs: 6_400, rate: 20 }], preAllocatedVUs: 84, maxVUs: 192,
  });
});

test("the plan's timeline, profile label, thresholds and faults come from the same declaration as the options", () => {
  const { options, plan, injects } = buildScenario(spec, parseConfig({ RATE: "30", FAULT_DURATION: "10s" }), k8s, slo);
  assert.equal(plan.profile, "smoke (RATE=30, FAULT_DURATION=10s)");
  assert.deepEqual(plan.timeline, { faultStartMs: 6_000, faultEndMs: 16_000, endMs: 24_000, during: { startMs: 5_000, endMs: 19_000 } });
  assert.deepEqual(plan.thresholds, [{ metric: "ai_req_unanswered{phase:during}", expression: "rate<0.02", slo: { key: "maskedErrorRate", value: 0.02 } }]);
  assert.deepEqual(options.thresholds, { "ai_req_unanswered{phase:during}": ["rate<0.02"] });
  assert.deepEqual(plan.faults.map((f) => [f.track, f.target, f.startMs, f.durationMs]), [["disrupt", "provider-a", 6_000, 10_000], ["disrupt-2", "provider-b", 6_000, 10_000]]);
  assert.equal(injects, true);
  assert.equal(buildScenario({ ...spec, faults: [[wait()]] }, parseConfig({}), local, slo).injects, false);
});

test("a scenario that starts where the test clock does not expect it is refused: its requests would get wrong phases", () => {
  const config = parseConfig({});
  assert.throws(() => buildScenario({ ...spec, more: { surge: { ...surge, startTime: "8s" } } }, config, local, slo), /scenario "surge" starts at 8s, but the test clock tags its requests as if it started at 6s/);
  assert.throws(() => buildScenario({ ...spec, more: { spike: surge } }, config, local, slo), /scenario "spike" starts at 6s, but the test clock tags its requests as if it started at 0s/);
});

test("on a backend that counts what faults affected, every held fault gets ai_fault_affected{fault:<id>} count>=1, in the options and the plan", () => {
  const faults = [[httpFault("provider-a", { errorRate: 1, errorCode: 503 }, "2s"), networkFault("provider-a", { action: "drop" })], [podTermination("ai-service", { count: 1 }), wait()]];
  const { options, plan } = buildScenario({ ...spec, faults }, parseConfig({}), local, slo);
  assert.deepEqual(plan.thresholds.filter((t) => t.metric.startsWith("ai_fault_affected")), [
    { metric: "ai_fault_affected{fault:disrupt#1}", expression: "count>=1" },
    { metric: "ai_fault_affected{fault:disrupt#2}", expression: "count>=1" },
  ], "the pod kill (refused when it finds no pod) and the wait carry none");
  assert.deepEqual(options.thresholds?.["ai_fault_affected{fault:disrupt#2}"], ["count>=1"]);
  assert.deepEqual(plan.faults.map((f) => f.id), ["disrupt#1", "disrupt#2", "disrupt-2#1", "disrupt-2#2"]);
});

test("no landing criteria where nothing can be counted: SKIP_FAULTS=1 injects nothing, xk6-disruptor counts nothing", () => {
  const landing = (t: { metric: string }) => t.metric.startsWith("ai_fault_affected");
  assert.equal(buildScenario(spec, parseConfig({ SKIP_FAULTS: "1" }), local, slo).plan.thresholds.some(landing), false);
  assert.equal(buildScenario(spec, parseConfig({}), k8s, slo).plan.thresholds.some(landing), false);
  assert.equal(buildScenario(spec, parseConfig({}), local, slo).plan.thresholds.filter(landing).length, 2);
});

test("where the backend counts the links' traffic, a 1-VU sampler runs the `disrupt` exec from the test's start to its end and amplification is judged per phase", () => {
  const { options, plan, sampler } = buildScenario(spec, parseConfig({}), local, slo);
  assert.deepEqual(options.scenarios?.sampler, { executor: "shared-iterations", exec: "disrupt", vus: 1, iterations: 1, gracefulStop: "3s", maxDuration: "32s" });
  assert.equal(plan.executors.find((e) => e.name === "sampler")?.startMs, 0, "the test clock (scenarioStartMs) starts it at 0");
  assert.deepEqual(sampler?.targets, ["provider-a", "provider-b"]);
  // 120/s × 5 s before, 12 s during, 5 s after: the load alone is the workload.
  assert.deepEqual(sampler?.requests, { before: 600, during: 1_440, after: 600 });
  assert.deepEqual(plan.thresholds.filter((t) => t.metric.startsWith("ai_upstream_amplification")), [
    { metric: "ai_upstream_amplification{phase:before}", expression: "max<1.05", slo: { key: "amplificationSteadyMax", value: 1.05 } },
    { metric: "ai_upstream_amplification{phase:during}", expression: "max<2", slo: { key: "amplificationDuringMax", value: 2 } },
    { metric: "ai_upstream_amplification{phase:after}", expression: "max<1.05", slo: { key: "amplificationSteadyMax", value: 1.05 } },
  ]);
  assert.deepEqual(options.thresholds?.["ai_upstream_amplification{phase:during}"], ["max<2"]);
});

test("no sampler and no amplification criteria where nothing can be counted: k8s, SKIP_FAULTS=1, or a scenario that injects nothing", () => {
  const amplified = (t: { metric: string }) => t.metric.startsWith("ai_upstream_amplification");
  for (const built of [buildScenario(spec, parseConfig({}), k8s, slo), buildScenario(spec, parseConfig({ SKIP_FAULTS: "1" }), local, slo), buildScenario({ ...spec, faults: [[wait()]] }, parseConfig({}), local, slo)]) {
    assert.equal(built.sampler, undefined);
    assert.equal("sampler" in (built.options.scenarios ?? {}), false);
    assert.equal(built.plan.thresholds.some(amplified), false);
  }
});

test("a workload's requests per iteration count in the plan and the sampler's divisor, never in the options k6 gets", () => {
  const { options, plan, sampler } = buildScenario({ ...spec, more: { surge: { ...surge, requestsPerIteration: 8 } } }, parseConfig({}), local, slo);
  assert.equal("requestsPerIteration" in (options.scenarios?.surge ?? {}), false);
  assert.equal(plan.executors.find((e) => e.name === "surge")?.requestsPerIteration, 8);
  assert.equal(plan.executors.find((e) => e.name === "load")?.requestsPerIteration, undefined, "1 is the default, left out");
  // The surge ramps 10 → 20/s over 1.6 s (24 arrivals), then holds 20/s for 6.4 s (128): 152 × 8 streams, all during.
  assert.deepEqual(sampler?.requests, { before: 600, during: 1_440 + 152 * 8, after: 600 });
  assert.throws(() => buildScenario({ ...spec, more: { surge: { ...surge, requestsPerIteration: 0 } } }, parseConfig({}), local, slo), /scenario "surge" requestsPerIteration must be a whole number >= 1; got 0/);
});
