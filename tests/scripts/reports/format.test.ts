import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ScenarioResult, Verdict } from "../../../scripts/chaos/types.ts";
import { amplificationCells, formatBreach, incompleteReason, llmCells, llmLine, tally } from "../../../scripts/reports/format.ts";

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

describe("LLM figures as they read", () => {
  const f = { goodput: 0.9208, outputTokensPerSecond: 411.5, itlP95Ms: 38.4, amplification: { after: 1.02, during: 3.1 } };
  it("shows goodput as a percentage, tokens per second whole from 100 up, ITL in ms, amplification during as a ratio", () => {
    assert.deepEqual(llmCells(f), ["92.08%", "412", "38ms", "3.10×"]);
    assert.deepEqual(llmCells({ outputTokensPerSecond: 38.46 }), ["–", "38.5", "–", "–"]);
    assert.equal(llmLine(f), "goodput 92.08% · output 412 tok/s · ITL p95 38ms");
  });
  it("lists each phase's amplification in phase order", () => assert.deepEqual(amplificationCells(f), [["during", "3.10×"], ["after", "1.02×"]]));
  it("has no LLM line and no amplification for figures without them (an older summary, a k8s run)", () => {
    assert.equal(llmLine({ requests: 3 }), undefined);
    assert.deepEqual(amplificationCells({}), []);
  });
});

describe("a breached threshold as it reads", () => {
  it("shows the observed value to four significant digits, dropping only a fraction's trailing zeros", () => {
    const breach = (observed: number) => formatBreach({ metric: "m", threshold: "max<3000", observed });
    assert.equal(breach(6059.9), "m max<3000 (observed 6060)");
    assert.equal(breach(0.034), "m max<3000 (observed 0.034)");
    assert.equal(breach(154.5), "m max<3000 (observed 154.5)");
    assert.equal(breach(22), "m max<3000 (observed 22)");
  });
});
