import assert from "node:assert/strict";
import { test } from "node:test";
import { applyProfileOverrides, overridesSet } from "../../lib/profile-overrides.ts";
import { PROFILES, totalDuration } from "../../lib/profiles.ts";

const smoke = PROFILES.smoke;

test("no override leaves every profile unchanged, blank values included", () => {
  for (const profile of Object.values(PROFILES)) {
    assert.deepEqual(applyProfileOverrides(profile, {}), profile, profile.name);
    assert.deepEqual(applyProfileOverrides(profile, { RATE: "", WARM_UP: " ", MAX_VUS: undefined }), profile, profile.name);
  }
});

test("each override takes effect on its own and leaves the rest of the profile alone", () => {
  assert.deepEqual(applyProfileOverrides(smoke, { PRE_ALLOCATED_VUS: "80" }), { ...smoke, preAllocatedVUs: 80 });
  assert.deepEqual(applyProfileOverrides(smoke, { MAX_VUS: "500" }), { ...smoke, maxVUs: 500 });
  assert.deepEqual(applyProfileOverrides(smoke, { RATE: "50" }), { ...smoke, rate: 50 });
  assert.deepEqual(applyProfileOverrides(smoke, { WARM_UP: "30s" }), { ...smoke, warmUp: 30_000 });
  assert.deepEqual(applyProfileOverrides(smoke, { FAULT_DURATION: "2m" }), { ...smoke, fault: 120_000 });
  assert.deepEqual(applyProfileOverrides(smoke, { RECOVERY: "1m30s" }), { ...smoke, recovery: 90_000 });
  assert.deepEqual(applyProfileOverrides(PROFILES.load, { WARM_UP: "5500ms" }), { ...PROFILES.load, warmUp: 5_500 });
  assert.equal(totalDuration(applyProfileOverrides(smoke, { WARM_UP: "1s", FAULT_DURATION: "500ms", RECOVERY: " 3s " })), 4_500);
});

test("VU numbers are kept as given, never derived here: the pool is derived per scenario from the rate (lib/scenario-spec.ts loadPool)", () => {
  assert.deepEqual(applyProfileOverrides(smoke, { RATE: "50", PRE_ALLOCATED_VUS: "100", MAX_VUS: "150" }), { ...smoke, rate: 50, preAllocatedVUs: 100, maxVUs: 150 });
  assert.deepEqual(applyProfileOverrides(smoke, { PRE_ALLOCATED_VUS: "1", MAX_VUS: "1" }), { ...smoke, preAllocatedVUs: 1, maxVUs: 1 });
  for (const profile of Object.values(PROFILES)) {
    assert.deepEqual(applyProfileOverrides(profile, { RATE: String(profile.rate) }), profile, profile.name);
  }
});

test("a bad value stops with one sentence naming the variable, what it accepts and what it got", () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ RATE: "0" }, 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "0"'],
    [{ RATE: "2.5" }, 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "2.5"'],
    [{ RATE: "-5" }, 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "-5"'],
    [{ RATE: "fast" }, 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "fast"'],
    [{ RATE: "99999999999999999999" }, 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "99999999999999999999"'],
    [{ PRE_ALLOCATED_VUS: "0" }, 'PRE_ALLOCATED_VUS must be a whole number of VUs, at least 1; got "0"'],
    [{ PRE_ALLOCATED_VUS: "1e3" }, 'PRE_ALLOCATED_VUS must be a whole number of VUs, at least 1; got "1e3"'],
    [{ MAX_VUS: "12.5" }, 'MAX_VUS must be a whole number of VUs, at least 1; got "12.5"'],
    [{ PRE_ALLOCATED_VUS: "60", MAX_VUS: "50" }, "MAX_VUS (50) must be at least PRE_ALLOCATED_VUS (60): k6 starts the pre-allocated VUs up front and never exceeds maxVUs"],
    [{ WARM_UP: "30" }, 'WARM_UP must be a k6 duration of at least 1ms such as "30s", "2m", "1m30s" or "500ms"; got "30"'],
    [{ WARM_UP: "0s" }, 'WARM_UP must be a k6 duration of at least 1ms such as "30s", "2m", "1m30s" or "500ms"; got "0s"'],
    [{ FAULT_DURATION: "1 minute" }, 'FAULT_DURATION must be a k6 duration of at least 1ms such as "30s", "2m", "1m30s" or "500ms"; got "1 minute"'],
    [{ RECOVERY: "-10s" }, 'RECOVERY must be a k6 duration of at least 1ms such as "30s", "2m", "1m30s" or "500ms"; got "-10s"'],
    [{ WARM_UP: "500ms" }, 'WARM_UP (500ms) is shorter than the smoke profile\'s lead (1s): requests sent that long before the fault count as "during", so WARM_UP must be at least 1s'],
    [{ RECOVERY: "2s" }, 'RECOVERY (2s) is shorter than the smoke profile\'s settle (3s): requests that long after the fault still count as "during", so RECOVERY must be at least 3s'],
  ];
  for (const [env, message] of cases) assert.throws(() => applyProfileOverrides(smoke, env), { message }, JSON.stringify(env));
});

test("lead and settle may use the whole warm-up and recovery, and the profile is never mutated", () => {
  const copy = structuredClone(smoke);
  assert.deepEqual(applyProfileOverrides(smoke, { WARM_UP: "1s", RECOVERY: "3s" }), { ...smoke, warmUp: 1_000, recovery: 3_000 });
  assert.deepEqual(smoke, copy);
  assert.deepEqual(PROFILES.smoke, copy);
});

test("overridesSet names the overrides a run sets, trimmed, in a fixed order, and nothing else", () => {
  assert.deepEqual(overridesSet({ RECOVERY: " 12s ", RATE: "50", WARM_UP: "", PROFILE: "load", SLO_X: "1" }), { RATE: "50", RECOVERY: "12s" });
  assert.deepEqual(Object.keys(overridesSet({ RECOVERY: "12s", RATE: "50" })), ["RATE", "RECOVERY"]);
  assert.deepEqual(overridesSet({}), {});
});
