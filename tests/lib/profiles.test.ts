import assert from "node:assert/strict";
import { test } from "node:test";
import { faultWindow, phaseAt, PROFILES, profileNamed, scenarioStartMs, totalDuration } from "../../lib/profiles.ts";

test("the fault window runs from the end of warm-up (less the in-flight lead) to fault end plus settle", () => {
  // smoke: warm-up 6 s less the 1 s lead; fault 8 s plus the 3 s settle.
  assert.deepEqual(faultWindow(PROFILES.smoke), { start: 5_000, end: 17_000 });
});

test("requests are before, during or after the fault window by elapsed time", () => {
  const window = { start: 5_000, end: 18_000 };
  assert.equal(phaseAt(0, window), "before");
  assert.equal(phaseAt(4_999, window), "before");
  assert.equal(phaseAt(5_000, window), "during");
  assert.equal(phaseAt(17_999, window), "during");
  assert.equal(phaseAt(18_000, window), "after");
});

test("the smoke profile fits CI: at most 30 s and every window non-empty", () => {
  assert.ok(totalDuration(PROFILES.smoke) <= 30_000);
  for (const profile of Object.values(PROFILES)) {
    assert.ok(profile.warmUp > 0 && profile.fault > 0 && profile.recovery > profile.settle, profile.name);
    assert.ok(profile.vusMax >= 1 && profile.preAllocatedVUs === undefined && profile.maxVUs === undefined, `${profile.name}: the load pool is derived (lib/scenario-spec.ts loadPool)`);
    assert.ok(profile.lead >= 0 && profile.lead < profile.warmUp, profile.name);
  }
});

test("an unknown profile name is refused with the accepted names", () => {
  assert.equal(profileNamed("soak").name, "soak");
  assert.throws(() => profileNamed("spike"), /PROFILE must be one of smoke, load, stress, soak; got "spike"/);
});

test("disrupt tracks and the surge start at the fault, every other scenario at once", () => {
  const profile = { ...PROFILES.smoke, warmUp: 7_000 };
  assert.deepEqual(["disrupt", "disrupt-2", "surge", "load", "probe", "sampler"].map((name) => scenarioStartMs(name, profile)), [7_000, 7_000, 7_000, 0, 0, 0]);
});
