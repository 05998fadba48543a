import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { incompleteReason, suiteExitCode, tally } from "../../../scripts/chaos/outcome.ts";
import type { ScenarioResult, Verdict } from "../../../scripts/chaos/types.ts";

const result = (verdict: Verdict): ScenarioResult => ({ name: verdict, category: "baseline", verdict, exitCode: 0, reason: "", breaches: [], figures: {}, durationMs: 1, files: [] });
const complete = { interrupted: false, complete: true };

describe("suite exit code", () => {
  it("is 0 when every scenario passed", () => assert.equal(suiteExitCode([result("passed"), result("passed")], complete), 0));
  it("is 99 when every non-passing scenario breached thresholds", () => assert.equal(suiteExitCode([result("passed"), result("failed")], complete), 99));
  it("is 1 when any scenario errored, even beside breaches", () => assert.equal(suiteExitCode([result("failed"), result("error")], complete), 1));
  it("is 1 when the run stopped early without an interruption", () => assert.equal(suiteExitCode([result("passed")], { interrupted: false, complete: false }), 1));
  it("is 105 when interrupted, whatever ran", () => assert.equal(suiteExitCode([result("passed"), result("skipped")], { interrupted: true, complete: false }), 105));
  it("is 1 when nothing ran", () => assert.equal(suiteExitCode([], complete), 1));
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
