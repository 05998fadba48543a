import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { binomialCdf, power, POWER_BOUNDS } from "./power.ts";
import { powerTable, smokeRows } from "./power-table.ts";

test("the odds of a wrong verdict are exact binomial tails: the figures issue 11 quotes for 110 and 500 requests", () => {
  // 2 % budget over ~110 requests: a service at 1 % breaches ~10 % of the time, one at 4 % passes ~18 %.
  const small = power(110, 0.02);
  assert.equal(small.falseAlarm.toFixed(3), "0.099");
  assert.equal(small.miss.toFixed(3), "0.179");
  // Over 500: 3 % and 0.4 %.
  const enough = power(500, 0.02);
  assert.equal(enough.falseAlarm.toFixed(3), "0.031");
  assert.equal(enough.miss.toFixed(4), "0.0044");
  // P(X ≤ 1) for X ~ Bin(2, 0.5) is 3/4; the whole distribution sums to 1.
  assert.equal(binomialCdf(1, 2, 0.5), 0.75);
  assert.equal(binomialCdf(1_000, 1_000, 0.3), 1);
});

test("every rate threshold a smoke run judges is sized so that chance alone rarely decides it", () => {
  for (const row of smokeRows()) {
    assert.ok(row.falseAlarm < POWER_BOUNDS.falseAlarm, `${row.threshold} over ${row.n}: a service at half its budget breaches ${(row.falseAlarm * 100).toFixed(1)} % of the time`);
    assert.ok(row.miss < POWER_BOUNDS.miss, `${row.threshold} over ${row.n}: a service at twice its budget passes ${(row.miss * 100).toFixed(1)} % of the time`);
  }
});

test("thresholds/README.md shows the current table", () => {
  const readme = readFileSync(new URL("../../thresholds/README.md", import.meta.url), "utf8");
  assert.ok(readme.includes(powerTable()), "thresholds/README.md is stale: paste `node --import tsx tests/thresholds/power-table.ts` under \"How much a smoke run can judge\"");
});
