// scenario-kit builds every scenario's options from the run's profile: what the engine would
// schedule is read through the runner's own init and option validation (no VU runs, no network).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { parseArgs } from "../../runner/cli/args.ts";
import { prepareTest } from "../../runner/engine/prepare.ts";

type Planned = Record<string, Record<string, unknown>>;

/** The scenarios the engine would run for `scenarios/<name>.ts` with `vars` as `-e` flags. */
async function planned(name: string, vars: Record<string, string>): Promise<Planned> {
  const script = fileURLToPath(new URL(`../../scenarios/${name}.ts`, import.meta.url));
  const env = Object.entries({ SKIP_FAULTS: "1", ...vars }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const args = parseArgs(["run", script, "--include-system-env-vars=false", ...env]);
  const prepared = await prepareTest(args, {}, { startedAt: Date.now() });
  return Object.fromEntries(prepared.plan.map((p) => [p.config.name, p.config as unknown as Record<string, unknown>]));
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
