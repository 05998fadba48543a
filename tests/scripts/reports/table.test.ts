import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { llmRows, tableRows, verdictTable } from "../../../scripts/reports/table.ts";
import { inconclusiveRun, llmRun, sampleRun } from "./run-fixture.ts";

describe("verdict table", () => {
  const results = sampleRun().scenarios;

  it("has one row per scenario: name, category, verdict, breach count, figures", () => {
    assert.deepEqual(tableRows(results), [
      ["baseline", "baseline", "✓ passed", "0", "250", "0.00%", "178ms", "72ms", "–"],
      ["provider-outage", "dependency-chaos", "✗ failed", "2", "300", "10.00%", "1.20s", "512ms", "4.2s"],
      ["slow-network", "network-chaos", "✗ error", "–", "–", "–", "–", "–", "–"],
      ["pod-failure", "pod-failure", "– skipped", "–", "–", "–", "–", "–", "–"],
    ]);
  });

  it("aligns columns and lists what caught each non-passing scenario below", () => {
    const text = verdictTable(results);
    const lines = text.split("\n");
    assert.match(lines[0] ?? "", /^scenario\s+category\s+verdict\s+breached\s+requests\s+errors\s+p95\s+p95 TTFT\s+recovery$/);
    // Every row's category starts where the header's does.
    const at = (line: string, word: string) => line.indexOf(` ${word}`) + 1;
    for (const r of results) {
      const row = lines.find((l) => l.startsWith(`${r.name} `)) ?? "";
      assert.equal(at(row, r.category), at(lines[0] ?? "", "category"), r.name);
    }
    assert.ok(lines.includes("✗ failed provider-outage: 2 thresholds breached"));
    assert.ok(lines.includes("    ai_req_failed{phase:after} rate<0.01 (observed 0.06)"));
    assert.ok(lines.includes("– skipped pod-failure: not run: interrupted"));
  });

  it("shows an inconclusive scenario with its own word, its landing breach and why", () => {
    const results = inconclusiveRun().scenarios;
    assert.deepEqual(tableRows(results)[1], ["provider-outage", "dependency-chaos", "? inconclusive", "1", "262", "0.00%", "–", "–", "–"]);
    const lines = verdictTable(results).split("\n");
    assert.ok(lines.includes("? inconclusive provider-outage: the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs"));
    assert.ok(lines.includes("    ai_fault_landed{fault:disrupt#1} rate==1 (observed 0)"));
  });

  it("adds a second table of LLM figures with the same rows, `–` where a scenario has none", () => {
    const results = llmRun().scenarios;
    assert.deepEqual(llmRows(results), [
      ["baseline", "99.50%", "96.0", "22ms", "1.00×"],
      ["provider-outage", "92.08%", "412", "38ms", "3.10×"],
      ["pod-failure", "–", "–", "–", "–"],
    ]);
    const lines = verdictTable(results).split("\n");
    const head = lines.findIndex((l) => /^scenario\s+goodput\s+output tok\/s\s+ITL p95\s+amp\. during$/.test(l));
    assert.ok(head > 0, lines.join("\n"));
    assert.equal(lines[head - 1], "", "apart from the verdict table");
    // Right-aligned figures: every row ends where the header does.
    for (const row of lines.slice(head + 2, head + 5)) assert.equal(row.length, lines[head]!.length, row);
    assert.match(lines[head + 3] ?? "", /^provider-outage\s+92\.08%\s+412\s+38ms\s+3\.10×$/);
  });

  it("prints no LLM table when no scenario recorded an LLM figure", () => {
    assert.doesNotMatch(verdictTable(sampleRun().scenarios), /goodput/);
  });

  it("prints no detail section when everything passed", () => {
    assert.equal(verdictTable(results.slice(0, 1)).split("\n").length, 3);
  });
});
