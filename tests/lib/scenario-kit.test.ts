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
  assert.deepEqual([load?.rate, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [10, 22_000, 60, 200]);
  assert.equal(disrupt?.startTime, 4_000);
});

test("RATE and the VU numbers reach the load scenario of an unedited scenario", async () => {
  const { load } = await planned("baseline", { RATE: "488", PRE_ALLOCATED_VUS: "2002", MAX_VUS: "4004" });
  assert.deepEqual([load?.rate, load?.timeUnit, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [488, 1_000, 22_000, 2_002, 4_004]);
});

test("timeline overrides move load, surge and disrupt together, and the surge still ramps past capacity", async () => {
  const { load, surge, disrupt } = await planned("saturation", { RATE: "30", WARM_UP: "5s", FAULT_DURATION: "10s", RECOVERY: "12s", CAPACITY_INFLIGHT: "1024" });
  assert.deepEqual([load?.rate, load?.duration, load?.preAllocatedVUs, load?.maxVUs], [30, 27_000, 180, 600]);
  assert.equal(surge?.startTime, 5_000);
  assert.equal(surge?.startRate, 30);
  // 2 × CAPACITY_INFLIGHT (1024, set above) held for ~6.5 s: 316/s, over a fifth of the fault then the rest
  assert.deepEqual(surge?.stages, [{ duration: 2_000, target: 316 }, { duration: 8_000, target: 316 }]);
  assert.equal(disrupt?.startTime, 5_000);
  assert.equal(disrupt?.maxDuration, 10_000 + 12_000 + 10_000);
});

test("a bad override stops the script in init with its sentence", async () => {
  await assert.rejects(planned("baseline", { MAX_VUS: "0" }), /MAX_VUS must be a whole number of VUs, at least 1; got "0"/);
});

test("provider-outage's plan: provider-a's link dropped for the whole fault window, judged by the masked budget from maskedErrorRate", async () => {
  const plan = await planOf("provider-outage", { SLO_MASKED_ERROR_RATE: "0.05" });
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "provider-a", kind: "network", spec: { action: "drop" }, startMs: 4_000, durationMs: 8_000 }]);
  assert.deepEqual(plan.thresholds.find((t) => t.metric === "ai_req_unanswered{phase:during}"), {
    metric: "ai_req_unanswered{phase:during}", expression: "rate<0.05", slo: { key: "maskedErrorRate", value: 0.05 },
  });
  assert.equal(plan.thresholds.find((t) => t.metric === "ai_errors{class:stream_cut}")?.slo, undefined, "a fixed count<1 names no SLO key");
});

test("all-providers-down's plan: each provider answers 503 for 2 s then drops the rest, on two tracks at once", async () => {
  const plan = await planOf("all-providers-down", { FAULT_DURATION: "10s" });
  assert.deepEqual(plan.faults.map((f) => [f.track, f.target, f.kind, f.startMs, f.durationMs]), [
    ["disrupt", "provider-a", "http", 4_000, 2_000], ["disrupt", "provider-a", "network", 6_000, 8_000],
    ["disrupt-2", "provider-b", "http", 4_000, 2_000], ["disrupt-2", "provider-b", "network", 6_000, 8_000],
  ]);
  assert.equal(plan.profile, "smoke (FAULT_DURATION=10s)");
});

test("the plan's executors are the scenarios the engine runs, with the timeline they follow", async () => {
  const test = await prepared("saturation", {});
  const plan = test.vu0.exports.plan as ScenarioPlan;
  assert.deepEqual(plan.executors.map((e) => [e.name, e.exec, e.startMs]), test.plan.map((p) => [p.config.name, p.config.exec, p.config.startTime]));
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "provider-a", kind: "stream", spec: { action: "drip", delay: "80ms" }, startMs: 4_000, durationMs: 8_000 }]);
  assert.deepEqual(plan.timeline, { faultStartMs: 4_000, faultEndMs: 12_000, endMs: 22_000, during: { startMs: 3_000, endMs: 15_000 } });
});

test("pod-failure's plan: half the ai-service pods killed at the fault's start, an instant fault", async () => {
  const plan = await planOf("pod-failure");
  assert.deepEqual(plan.faults, [{ id: "disrupt#1", track: "disrupt", target: "ai-service", kind: "pods", spec: { count: "50%", timeout: "10s" }, startMs: 4_000, durationMs: 0 }]);
});

test("a run that injects on the local flavor proves each fault landed: provider-outage's plan judges ai_fault_landed{fault:disrupt#1}", async () => {
  const plan = await planOf("provider-outage", { SKIP_FAULTS: "0" });
  assert.deepEqual(plan.thresholds.filter((t) => t.metric.startsWith("ai_fault_landed")), [{ metric: "ai_fault_landed{fault:disrupt#1}", expression: "rate==1" }]);
  const both = await planOf("all-providers-down", { SKIP_FAULTS: "0" });
  assert.deepEqual(both.thresholds.filter((t) => t.metric.startsWith("ai_fault_landed")).map((t) => t.metric), [
    "ai_fault_landed{fault:disrupt#1}", "ai_fault_landed{fault:disrupt#2}", "ai_fault_landed{fault:disrupt-2#1}", "ai_fault_landed{fault:disrupt-2#2}",
  ]);
  assert.equal((await planOf("pod-failure", { SKIP_FAULTS: "0" })).thresholds.some((t) => t.metric.startsWith("ai_fault_landed")), false, "a pod kill that found no pod is refused, not counted");
});

test("PRIMARY_TARGET and SECONDARY_TARGET move every provider fault onto the links they name", async () => {
  const plan = await planOf("concurrent-failures", { PRIMARY_TARGET: "openai", SECONDARY_TARGET: "azure" });
  assert.deepEqual(plan.faults.map((f) => [f.id, f.target]), [["disrupt#1", "openai"], ["disrupt-2#1", "azure"]]);
  assert.deepEqual((await planOf("request-timeouts", { PRIMARY_TARGET: "openai" })).faults.map((f) => [f.target, f.kind, f.spec]), [
    ["openai", "stream", { action: "drip", delay: "10s" }], ["provider-b", "stream", { action: "drip", delay: "10s" }],
  ]);
});
