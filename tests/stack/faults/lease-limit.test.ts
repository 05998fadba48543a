// The controller's default lease limit is a safety rail, not a cap on the product: every named
// profile's fault window must fit under it, or that profile could never run against the local stack.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PROFILES } from "../../../lib/profiles.ts";
import { DEFAULT_MAX_LEASE_MS } from "../../../stack/faults/index.ts";

test("the controller's default lease limit accepts the fault of every named profile, soak's 30 min included", () => {
  for (const profile of Object.values(PROFILES)) {
    assert.ok(profile.fault <= DEFAULT_MAX_LEASE_MS, `${profile.name}'s ${profile.fault} ms fault is over the ${DEFAULT_MAX_LEASE_MS} ms lease limit`);
  }
});
