import assert from "node:assert/strict";
import { test } from "node:test";
import { planTracks, plannedFaults } from "../../lib/faults/tracks.ts";
import { PROFILES } from "../../lib/profiles.ts";
import { LIMITED_SHARE, limitedAt, limitWindows, rateLimitTracks } from "../../lib/rate-limits.ts";

const smoke = PROFILES.smoke;

test("at smoke the primary limits a share for 3 s, then everything; the secondary joins for the last 3 s", () => {
  assert.deepEqual(limitWindows(smoke), { start: 6_000, shareEnd: 9_000, allFrom: 11_000, end: 14_000 });
  const faults = plannedFaults(planTracks(rateLimitTracks("provider-a", "provider-b", smoke), smoke));
  assert.deepEqual(faults.map((f) => [f.id, f.target, f.kind, f.startMs, f.durationMs, f.spec.errorRate ?? null]), [
    ["disrupt#1", "provider-a", "http", 6_000, 3_000, LIMITED_SHARE],
    ["disrupt#2", "provider-a", "http", 9_000, 5_000, 1],
    ["disrupt-2#1", "provider-b", "wait", 6_000, 5_000, null],
    ["disrupt-2#2", "provider-b", "http", 11_000, 3_000, 1],
  ]);
  for (const f of faults.filter((x) => x.kind === "http")) assert.equal(f.spec.errorCode, 429);
});

test("the parts scale with the profile's fault window", () => {
  assert.deepEqual(limitWindows(PROFILES.load), { start: 30_000, shareEnd: 52_500, allFrom: 67_500, end: 90_000 });
});

test("a request is tagged by which providers limit when it is sent", () => {
  const w = limitWindows(smoke);
  assert.deepEqual([5_999, 6_000, 10_999, 11_000, 13_999, 14_000].map((t) => limitedAt(t, w)), ["none", "primary", "primary", "all", "all", "none"]);
});
