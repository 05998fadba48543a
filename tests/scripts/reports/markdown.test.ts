import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownReport } from "../../../scripts/reports/markdown.ts";
import { inconclusiveRun, llmRun, sampleRun } from "./run-fixture.ts";

describe("report.md", () => {
  const md = markdownReport(sampleRun());
  const lines = md.split("\n");

  it("opens with the run id and a one-line result that flags an incomplete run", () => {
    assert.equal(lines[0], "# ai-chaos run 2025-11-26T19-18-03Z");
    assert.match(md, /\*\*✗ 1 of 4 scenarios passed\*\* \(1 passed, 1 failed, 1 error, 1 skipped; exit 105\), \*\*incomplete run\*\*: interrupted/);
  });

  it("names profile, engine and the local stack target with its fragility switches", () => {
    assert.ok(lines.includes("- profile: smoke"));
    assert.ok(lines.includes("- engine: Node runner (no k6 on PATH)"));
    assert.ok(lines.includes("- target: local stack, http://127.0.0.1:8080 (fragile: fallback)"));
  });

  it("has a verdict table row per scenario with breached thresholds and key figures", () => {
    const row = lines.find((l) => l.startsWith("| provider-outage |"));
    assert.equal(row, "| provider-outage | dependency-chaos | ✗ failed | `ai_req_failed{phase:after} rate<0.01`<br>`http_req_duration{phase:during,kind:chat,expected_response:false} p(95)<1000` | 300 | 10.00% | 1.20s | 512ms | 4.2s |");
    assert.equal(lines.find((l) => l.startsWith("| baseline |")), "| baseline | baseline | ✓ passed | none | 250 | 0.00% | 178ms | 72ms | – |");
    assert.match(lines.find((l) => l.startsWith("| slow-network |")) ?? "", /\| ✗ error \| exit 107: script error/);
  });

  it("details each failed scenario's breaches with the observed value", () => {
    assert.ok(lines.includes("### provider-outage: ✗ failed"));
    assert.ok(lines.includes("- `ai_req_failed{phase:after} rate<0.01 (observed 0.06)`"));
  });

  it("shows an error's stderr tail in a code block and links the scenario's files", () => {
    assert.match(md, /Engine stderr \(last lines\):\n\n```text\n.*<init> failed/);
    assert.ok(lines.includes("Files: [summary.json](baseline/summary.json) · [stdout.txt](baseline/stdout.txt)"));
  });

  it("names the scenarios whose engine crashed in the incomplete mark, before why the run stopped", () => {
    const run = { ...sampleRun(), crashed: ["slow-network"] };
    assert.match(markdownReport(run), /\*\*incomplete run\*\*: engine crashed in slow-network; interrupted\n/);
    delete run.stoppedBy;
    assert.match(markdownReport(run), /\*\*incomplete run\*\*: engine crashed in slow-network\n/);
  });

  it("marks an inconclusive scenario and run with their own word, naming the fault that landed on nothing", () => {
    const text = markdownReport(inconclusiveRun());
    assert.match(text, /\*\*\? 1 of 2 scenarios passed, 1 inconclusive\*\* \(1 passed, 1 inconclusive; exit 3\)\n/);
    assert.ok(text.split("\n").includes("| provider-outage | dependency-chaos | ? inconclusive | `ai_fault_landed{fault:disrupt#1} rate==1` | 262 | 0.00% | – | – | – |"));
    assert.match(text, /### provider-outage: \? inconclusive\n\ndependency-chaos · 31\.0s · the fault disrupt#1 landed on nothing \(affected 0\)/);
  });

  it("has a table of LLM figures below the verdicts, and each scenario's LLM figures and amplification per phase in its section", () => {
    const text = markdownReport(llmRun());
    const lines = text.split("\n");
    const head = lines.indexOf("| scenario | goodput | output tok/s | ITL p95 | amplification during |");
    assert.ok(head > lines.indexOf("## Verdicts") && head < lines.indexOf("## Scenarios"), "between the verdicts and the scenarios");
    assert.deepEqual(lines.slice(head + 2, head + 5), [
      "| baseline | 99.50% | 96.0 | 22ms | 1.00× |",
      "| provider-outage | 92.08% | 412 | 38ms | 3.10× |",
      "| pod-failure | – | – | – | – |",
    ]);
    assert.match(text, /### provider-outage: ✗ failed\n[^#]*LLM figures: goodput 92\.08% · output 412 tok\/s · ITL p95 38ms\n\nUpstream amplification \(attempts at the links ÷ client requests\): before 1\.00× · during 3\.10× · after 1\.02×\n/);
    assert.doesNotMatch(text, /### pod-failure[^#]*(LLM figures|amplification)/, "nothing said of figures a run did not record");
  });

  it("has no LLM table when no scenario recorded an LLM figure", () => {
    assert.doesNotMatch(md, /LLM figures|goodput/);
  });

  it("says every scenario passed when they did", () => {
    const run = sampleRun();
    run.scenarios = run.scenarios.slice(0, 1);
    run.exitCode = 0;
    run.complete = true;
    delete run.stoppedBy;
    const text = markdownReport(run);
    assert.match(text, /\*\*✓ every scenario passed\*\* \(1 passed; exit 0\)\n/);
    assert.doesNotMatch(text, /incomplete/);
  });
});
