import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { chartSet, htmlReport } from "../../../scripts/reports/html.ts";
import { attentionOrder } from "../../../scripts/reports/html/page.ts";
import { inconclusiveRun, llmRun, sampleRun } from "./run-fixture.ts";

describe("index.html without a browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "html-page-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = sampleRun();
  mkdirSync(join(dir, "baseline"));
  writeFileSync(join(dir, "baseline", "metrics.json"), `${JSON.stringify({ metric: "http_reqs", type: "Point", data: { time: "2025-11-26T19:18:05.5Z", value: 1, tags: { kind: "chat" } } })}\n`);
  run.scenarios[0]!.files.push("baseline/metrics.json");
  const html = htmlReport(dir, run);

  it("orders failing scenarios first, then skipped, then passed, keeping run order within each", () => {
    assert.deepEqual(attentionOrder(run.scenarios).map((r) => r.name), ["provider-outage", "slow-network", "pod-failure", "baseline"]);
  });

  it("renders the verdict table and breaches as HTML, readable with JavaScript off", () => {
    const rows = [...html.matchAll(/<tr class="([^"]+)"><td><a href="#s-([^"]+)">/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, [["failed bad", "provider-outage"], ["error bad", "slow-network"], ["skipped", "pod-failure"], ["passed", "baseline"]]);
    assert.match(html, /<header class="failed">[^]*✗ 1 of 4 scenarios passed[^]*Incomplete run: interrupted/);
    assert.match(html, /<li><code>ai_req_failed\{phase:after\} rate&lt;0\.01 \(observed 0\.06\)<\/code><\/li>/);
  });

  it("embeds per-second series for scenarios with metrics, a reason for the others, and no raw points", () => {
    const data = JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "null");
    assert.deepEqual(data.map((s: { id: string }) => s.id), ["s-baseline"]);
    assert.deepEqual(data[0].series.workloadRps, [1]);
    assert.match(html, /no time series: provider-outage\/metrics\.json was not written/);
    assert.match(html, /not run: no time series/);
    assert.doesNotMatch(html, /"type":"Point"/);
  });

  it("inlines the chart script and uPlot's CSS: no external script, stylesheet or font", () => {
    assert.match(html, /<script>.+uPlot|<script>.+u-legend/s);
    assert.match(html, /\.uplot/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet|@import|url\(https?:/);
  });

  it("gives an inconclusive run and scenario their own amber style, after failures and before skipped ones", () => {
    const page = htmlReport(dir, inconclusiveRun());
    assert.match(page, /<title>\? ai-chaos /);
    assert.match(page, /<header class="inconclusive">[^]*<p class="result">\? 1 of 2 scenarios passed, 1 inconclusive<\/p>/);
    assert.match(page, /<tr class="inconclusive"><td><a href="#s-provider-outage">/);
    assert.match(page, /<section class="scenario inconclusive" id="s-provider-outage">\n<h3><span class="badge inconclusive">\? inconclusive<\/span>/);
    assert.match(page, /<p>the fault disrupt#1 landed on nothing \(affected 0\)/);
    assert.match(page, /\.badge\.inconclusive \{[^}]*var\(--amber\)/);
    const mixed = [...sampleRun().scenarios, { ...inconclusiveRun().scenarios[1]!, name: "unlanded" }];
    assert.deepEqual(attentionOrder(mixed).map((r) => r.name), ["provider-outage", "slow-network", "unlanded", "pod-failure", "baseline"]);
  });

  it("shows LLM figures: a table of them, each scenario's line, amplification per phase with the breached one marked, and an LLM chart where metrics.json has ITL or goodput", () => {
    const llm = llmRun();
    const point = (metric: string, value: number) => JSON.stringify({ metric, type: "Point", data: { time: "2025-11-26T19:18:05.5Z", value, tags: { kind: "chat_stream" } } });
    mkdirSync(join(dir, "llm", "provider-outage"), { recursive: true });
    mkdirSync(join(dir, "llm", "baseline"), { recursive: true });
    writeFileSync(join(dir, "llm", "provider-outage", "metrics.json"), `${[point("http_reqs", 1), point("ai_inter_token_latency", 30), point("ai_goodput", 1)].join("\n")}\n`);
    writeFileSync(join(dir, "llm", "baseline", "metrics.json"), `${point("http_reqs", 1)}\n`);
    for (const r of llm.scenarios.slice(0, 2)) r.files = [`${r.name}/metrics.json`];
    const page = htmlReport(join(dir, "llm"), llm);
    assert.match(page, /<h2>LLM figures<\/h2>\n<table class="verdicts llm">\n<thead><tr><th>scenario<\/th><th class="num">goodput<\/th><th class="num">output tok\/s<\/th><th class="num">ITL p95<\/th><th class="num">amp\. during<\/th><\/tr><\/thead>/);
    assert.match(page, /<tr class="failed bad"><td><a href="#s-provider-outage">provider-outage<\/a><\/td><td class="num">92\.08%<\/td><td class="num">412<\/td><td class="num">38ms<\/td><td class="num">3\.10×<\/td><\/tr>/);
    assert.match(page, /<td><a href="#s-pod-failure">pod-failure<\/a><\/td>(<td class="num">–<\/td>){4}<\/tr>/);
    const section = (name: string) => page.split("<section ").find((part) => part.includes(`id="s-${name}"`))?.split("</section>")[0] ?? "";
    const outage = section("provider-outage");
    assert.match(outage, /<p class="figures">goodput 92\.08% · output 412 tok\/s · ITL p95 38ms<\/p>/);
    assert.match(outage, /<p class="amplification">Upstream amplification \(attempts at the links ÷ client requests\): <span class="phase">before <b>1\.00×<\/b><\/span> · <span class="phase over">during <b>3\.10× ✗<\/b><\/span> · <span class="phase">after <b>1\.02×<\/b><\/span><\/p>/);
    assert.deepEqual([...outage.matchAll(/data-chart="(\w+)"/g)].map((m) => m[1]), ["requests", "errors", "latency", "llm"]);
    assert.deepEqual([...section("baseline").matchAll(/data-chart="(\w+)"/g)].map((m) => m[1]), ["requests", "errors", "latency"], "no LLM chart without ITL or goodput samples");
    assert.match(section("baseline"), /<span class="phase">during <b>1\.00×<\/b><\/span>/);
    assert.doesNotMatch(section("pod-failure"), /goodput|amplification/);
  });

  it("has no LLM table when no scenario recorded an LLM figure", () => {
    assert.doesNotMatch(html, /LLM figures<\/h2>|class="amplification"/);
  });

  it("says why a scenario's metrics could not be read", () => {
    mkdirSync(join(dir, "bad"));
    writeFileSync(join(dir, "bad", "metrics.json"), '{"type":"Metric"}\n');
    const r = { ...run.scenarios[1]!, name: "bad", files: ["bad/metrics.json"] };
    assert.equal(chartSet(dir, r), "no time series: bad/metrics.json holds no samples");
  });
});
