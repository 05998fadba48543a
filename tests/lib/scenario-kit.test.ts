// scenario-kit builds every scenario's options and plan from its declaration at the run's
// profile: what the engine would schedule, and the `plan` a scenario exports, are read through the
// runner's own init and option validation (no VU runs, no network; `-e` flags are the fake __ENV).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import type { ScenarioPlan } from "../../contracts/scenario-plan.ts";
import { parseArgs } from "../../runner/cli/args.ts";
import { prepareTest, type PreparedTest } from "../../runner/engine/prepare.ts";

type Planned = Record<string, Record<string, unknown>>;

/** The runner's init of `scenarios/<name>.ts` with `vars` as `-e` flags. */
async function prepared(name: string, vars: Record<string, string>): Promise<PreparedTest> {
  const script = fileURLToPath(new URL(`../../scenarios/${name}.ts`, import.meta.url));
  const env = Object.entries({ SKIP_FAULTS: "1", ...vars }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  return prepareTest(parseArgs(["run", script, "--include-system-env-vars=false", ...env]), {}, { startedAt: Date.now() });
}

/** The scenarios the engine would run for `scenarios/<name>.ts` with `vars` as `-e` flags. */
async function planned(name: string, vars: Record<string, string>): Promise<Planned> {
  const test = await prepared(name, vars);
  return Object.fromEntries(test.plan.map((p) => [p.config.name, p.config as unknown as Record<string, unknown>]));
}

/** The `plan` that `scenarios/<name>.ts` exports. */
async function planOf(name: string, vars: Record<string, string> = {}): Promise<ScenarioPlan> {
  return (await prepared(name, vars)).vu0.exports.plan as ScenarioPlan;
}

test("without overrides the load scenario is the smoke profile's", async () => {
  const { load, disrupt } = await planned("provider-outage", {});
  // 120/s for 22 s; 400 − probe 10 − disrupt 1, all pre-allocated.
  assert.deepEqual([load?.rate, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [120, 22_000, 389, 389]);
  assert.equal(disrupt?.startTime, 6_000);
});

test("RATE and the VU numbers reach the load scenario of an unedited scenario", async () => {
  const { load } = await planned("baseline", { RATE: "488", PRE_ALLOCATED_VUS: "2002", MAX_VUS: "4004" });
  assert.deepEqual([load?.rate, load?.timeUnit, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [488, 1_000, 22_000, 2_002, 4_004]);
});

test("timeline overrides move load, surge and disrupt together, and the surge still ramps past capacity", async () => {
  const { load, surge, disrupt } = await planned("saturation", { RATE: "30", WARM_UP: "5s", FAULT_DURATION: "10s", RECOVERY: "12s", CAPACITY_INFLIGHT: "1024" });
  // The surge's 296 VUs, the probe's 10 and the drip track's 1 leave 93, over the 30/s × 2 s = 60 Little's law asks.
  assert.deepEqual([load?.rate, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [30, 27_000, 93, 93]);
  assert.equal(surge?.startTime, 5_000);
  assert.equal(surge?.startRate, 0);
  // 2 × CAPACITY_INFLIGHT (1024, set above) in flight, 8 streams an iteration held ~6.5 s: 256 iterations
  // in flight, 40/s, ramped from nothing over a fifth of the fault then held; all 296 VUs pre-allocated.
  assert.deepEqual(surge?.stages, [{ duration: 2_000, target: 40 }, { duration: 8_000, target: 40 }]);
  assert.deepEqual([surge?.preAllocatedVUs, surge?.maxVUs], [296, 296]);
  assert.equal(disrupt?.startTime, 5_000);
  assert.equal(disrupt?.maxDuration, 10_000 + 12_000 + 10_000);
});

test("a bad override stops the script in init with its sentence", async () => {
  await assert.rejects(planned("baseline", { MAX_VUS: "0" }), /MAX_VUS must be a whole number of VUs, at least 1; got "0"/);
});

test("provider-outage's plan: provider-a's link dropped for the whole fault window, judged by the masked budget from maskedErrorRate", async () => {
  const plan = await planOf("provider-outage", { SLO_MASKED_ERROR_RATE: "0.05" });
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "provider-a", kind: "network", spec: { action: "drop" }, startMs: 6_000, durationMs: 8_000 }]);
  assert.deepEqual(plan.thresholds.find((t) => t.metric === "ai_req_unanswered{phase:during}"), {
    metric: "ai_req_unanswered{phase:during}", expression: "rate<0.05", slo: { key: "maskedErrorRate", value: 0.05 },
  });
  assert.equal(plan.thresholds.find((t) => t.metric === "ai_errors{class:stream_cut}")?.slo, undefined, "a fixed count<1 names no SLO key");
});

test("all-providers-down's plan: the primary answers 503 and the secondary drops, each for the whole fault window, on two tracks at once", async () => {
  const plan = await planOf("all-providers-down", { FAULT_DURATION: "10s" });
  assert.deepEqual(plan.faults.map((f) => [f.track, f.target, f.kind, f.startMs, f.durationMs]), [
    ["disrupt", "provider-a", "http", 6_000, 10_000], ["disrupt-2", "provider-b", "network", 6_000, 10_000],
  ]);
  assert.equal(plan.profile, "smoke (FAULT_DURATION=10s)");
});

test("the plan's executors are the scenarios the engine runs, with the timeline they follow", async () => {
  const test = await prepared("saturation", {});
  const plan = test.vu0.exports.plan as ScenarioPlan;
  assert.deepEqual(plan.executors.map((e) => [e.name, e.exec, e.startMs]), test.plan.map((p) => [p.config.name, p.config.exec, p.config.startTime]));
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "provider-a", kind: "stream", spec: { action: "drip", delay: "80ms" }, startMs: 6_000, durationMs: 8_000 }]);
  assert.deepEqual(plan.timeline, { faultStartMs: 6_000, faultEndMs: 14_000, endMs: 22_000, during: { startMs: 5_000, endMs: 17_000 } });
});

test("pod-failure's plan: half the ai-service pods killed at the fault's start, an instant fault", async () => {
  const plan = await planOf("pod-failure");
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "ai-service", kind: "pods", spec: { count: "50%", timeout: "10s" }, startMs: 6_000, durationMs: 0 }]);
});

test("a run that injects on the local flavor proves each fault landed: provider-outage's plan judges ai_fault_affected{fault:disrupt#1}", async () => {
  const plan = await planOf("provider-outage", { SKIP_FAULTS: "0" });
  assert.deepEqual(plan.thresholds.filter((t) => t.metric.startsWith("ai_fault_affected")), [{ metric: "ai_fault_affected{fault:disrupt#1}", expression: "count>=1" }]);
  const both = await planOf("all-providers-down", { SKIP_FAULTS: "0" });
  assert.deepEqual(both.thresholds.filter((t) => t.metric.startsWith("ai_fault_affected")).map((t) => t.metric), [
    "ai_fault_affected{fault:disrupt#1}", "ai_fault_affected{fault:disrupt-2#1}",
  ]);
  assert.equal((await planOf("pod-failure", { SKIP_FAULTS: "0" })).thresholds.some((t) => t.metric.startsWith("ai_fault_affected")), false, "a pod kill that found no pod is refused, not counted");
});

test("PRIMARY_TARGET and SECONDARY_TARGET move every provider fault onto the links they name", async () => {
  const plan = await planOf("concurrent-failures", { PRIMARY_TARGET: "openai", SECONDARY_TARGET: "azure" });
  assert.deepEqual(plan.faults.map((f) => [f.id, f.target]), [["disrupt#1", "openai"], ["disrupt-2#1", "azure"]]);
  assert.deepEqual((await planOf("request-timeouts", { PRIMARY_TARGET: "openai" })).faults.map((f) => [f.target, f.kind, f.spec]), [
    ["openai", "stream", { action: "drip", delay: "10s" }], ["provider-b", "stream", { action: "drip", delay: "10s" }],
  ]);
});
