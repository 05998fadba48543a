import assert from "node:assert/strict";
import { test } from "node:test";
import { highestPassing, levelEnv, levelLoad, measuredRequestMs, nextLevel, parseLevels } from "../../bench/lib/levels.ts";
import { applyProfileOverrides } from "../../lib/profile-overrides.ts";
import { PROFILES } from "../../lib/profiles.ts";

test("a level's arrival rate follows Little's law and its VUs cover twice the need", () => {
  // 1000 in flight × 2.05 s per request → 488 requests per second
  assert.deepEqual(levelLoad(1000, 2050), { rate: 488, preAllocatedVUs: 2002, maxVUs: 4004 });
  assert.deepEqual(levelLoad(1, 2050), { rate: 1, preAllocatedVUs: 6, maxVUs: 12 });
});

test("a level's -e overrides give baseline's smoke run exactly that load shape and nothing else", () => {
  for (const [inflight, requestMs] of [[1000, 2050], [1, 2050], [125, 3100]] as const) {
    const shape = levelLoad(inflight, requestMs);
    assert.deepEqual(applyProfileOverrides(PROFILES.smoke, levelEnv(shape)), { ...PROFILES.smoke, ...shape }, `${inflight} in flight`);
  }
  assert.deepEqual(levelEnv(levelLoad(1000, 2050)), { RATE: "488", PRE_ALLOCATED_VUS: "2002", MAX_VUS: "4004" });
});

test("a bad level or request duration is refused with a sentence", () => {
  assert.throws(() => levelLoad(0, 2050), /whole number ≥ 1, got 0/);
  assert.throws(() => levelLoad(Number.NaN, 2050), /whole number ≥ 1, got NaN/);
  assert.throws(() => levelLoad(100, Number.NaN), /must be ≥ 100 ms, got NaN/);
});

test("levels parse as rising whole numbers and anything else names the bad part", () => {
  assert.deepEqual(parseLevels("125, 250,500"), [125, 250, 500]);
  assert.throws(() => parseLevels("125,x"), /"x" is not one/);
  assert.throws(() => parseLevels("125,,250"), /"" is not one/);
  assert.throws(() => parseLevels("250,125"), /must rise: 125 comes after 250/);
});

test("the search climbs the ladder until the first failure, then bisects once", () => {
  const ladder = [125, 250, 500, 1000];
  const tried = new Map<number, boolean>();
  assert.equal(nextLevel(ladder, tried), 125);
  tried.set(125, true).set(250, true);
  assert.equal(nextLevel(ladder, tried), 500);
  tried.set(500, true).set(1000, false);
  assert.equal(nextLevel(ladder, tried), 750);
  tried.set(750, false);
  assert.equal(nextLevel(ladder, tried), null, "one bisection only");
  assert.equal(highestPassing(tried), 500);
});

test("the search ends when the ladder is exhausted, or when no level lies between pass and fail", () => {
  assert.equal(nextLevel([125, 250], new Map([[125, true], [250, true]])), null);
  assert.equal(nextLevel([100, 110], new Map([[100, true], [110, false]])), null, "midpoint 105 rounds to 100, already tried");
  assert.equal(nextLevel([125], new Map([[125, false]])), 75, "below the first level when it fails (62.5 rounded to the 25 step)");
});

test("the highest passing level ignores passes above a failure", () => {
  assert.equal(highestPassing(new Map([[125, true], [250, false], [375, true]])), 125);
  assert.equal(highestPassing(new Map([[125, false]])), 0);
});

test("the mean request duration is measured as streams in flight over arrival rate, else the fallback", () => {
  assert.equal(measuredRequestMs(134, 61, 2050), 2197); // baseline's mix of ordinary and long turns
  assert.equal(measuredRequestMs(Number.NaN, 61, 2050), 2050);
  assert.equal(measuredRequestMs(1, 61, 2050), 2050, "16 ms is no stream of this stack");
});
