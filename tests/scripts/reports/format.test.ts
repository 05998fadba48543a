import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ScenarioResult, Verdict } from "../../../scripts/chaos/types.ts";
import { incompleteReason, tally } from "../../../scripts/reports/format.ts";

const result = (verdict: Verdict): ScenarioResult => ({ name: verdict, category: "baseline", verdict, exitCode: 0, reason: "", breaches: [], figures: {}, durationMs: 1, files: [] });

describe("run summary phrases", () => {
  it("tallies verdicts, leaving zero counts out", () => assert.equal(tally([result("passed"), result("failed"), result("passed")]), "2 passed, 1 failed"));
});

describe("why a run is incomplete", () => {
  it("names crashed engines, then why the run stopped", () => {
    assert.equal(incompleteReason({ crashed: ["a", "b"], stoppedBy: "interrupted" }), "engine crashed in a, b; interrupted");
    assert.equal(incompleteReason({ crashed: ["a"] }), "engine crashed in a");
    assert.equal(incompleteReason({ stoppedBy: "build failed" }), "build failed");
  });
  it("falls back to 'stopped early' when the record says nothing", () => assert.equal(incompleteReason({ crashed: [] }), "stopped early"));
});
