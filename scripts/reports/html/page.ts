// index.html as a string: the verdict first (a green, amber or red banner), the verdict table (the
// data of report.md) and, when the runs recorded them, the LLM figures' table, then one section per
// scenario; failing scenarios come first, in red, then inconclusive ones, in amber.
import type { RunRecord, ScenarioResult } from "../../chaos/types.ts";
import { figureCells, hasLlmFigures, headline, incompleteReason, LLM_HEADERS, llmCells, tally } from "../format.ts";
import { escapeXml as esc } from "../xml.ts";
import type { InlineAssets } from "./bundle.ts";
import { badge, scenarioSection, sectionId, verdictClass } from "./section.ts";
import { PAGE_CSS } from "./style.ts";
import type { ChartSet } from "./types.ts";

// Reading order: what needs attention first; run order within each group.
const RANK = { failed: 0, error: 0, inconclusive: 1, skipped: 2, passed: 3 } as const;

/** The scenarios failing first, then inconclusive, then skipped, then passed. */
export function attentionOrder(results: readonly ScenarioResult[]): ScenarioResult[] {
  return results.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => RANK[a.verdict] - RANK[b.verdict] || i - j).map(([r]) => r);
}

function verdictRow(r: ScenarioResult): string {
  const f = figureCells(r.figures);
  const breached = r.breaches.length > 0 ? r.breaches.map((b) => `<code>${esc(`${b.metric} ${b.threshold}`)}</code>`).join("") : r.verdict === "passed" ? "none" : esc(r.reason);
  const nums = [f.requests, f.errorRate, f.p95, f.ttftP95, f.recovery].map((v) => `<td class="num">${v}</td>`).join("");
  return `<tr class="${verdictClass(r)}"><td><a href="#${sectionId(r.name)}">${esc(r.name)}</a></td><td>${esc(r.category)}</td><td>${badge(r)}</td><td>${breached}</td>${nums}</tr>`;
}

/** The LLM figures' table, in the verdict table's order; empty when no scenario has one. */
function llmTable(ordered: readonly ScenarioResult[]): string {
  if (!hasLlmFigures(ordered)) return "";
  const heads = LLM_HEADERS.map((h) => `<th class="num">${h}</th>`).join("");
  const rows = ordered.map((r) => `<tr class="${verdictClass(r)}"><td><a href="#${sectionId(r.name)}">${esc(r.name)}</a></td>${llmCells(r.figures).map((v) => `<td class="num">${v}</td>`).join("")}</tr>`);
  return `<h2>LLM figures</h2>\n<table class="verdicts llm">\n<thead><tr><th>scenario</th>${heads}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>\n`;
}

function header(run: RunRecord): string {
  const result = headline(run);
  const target = run.target.localStack ? `local stack, ${run.target.baseUrl}${run.target.fragile.length ? ` (fragile: ${run.target.fragile.join(", ")})` : ""}` : `${run.target.baseUrl} (BASE_URL)`;
  const meta = [`${tally(run.scenarios)}; exit ${run.exitCode}`, `profile ${run.profile}`, run.engine, target, `started ${run.startedAt}, finished ${run.finishedAt}`];
  return [
    `<header class="${result.tone}"><div>`,
    `<h1>ai-chaos run ${esc(run.id)}</h1>`,
    `<p class="result">${esc(result.text)}</p>`,
    `<p class="meta">${meta.map(esc).join(" · ")}</p>`,
    run.complete ? "" : `<p class="incomplete">Incomplete run: ${esc(incompleteReason(run))}</p>`,
    "</div></header>",
  ].join("\n");
}

/** The whole self-contained document; `charts` maps a scenario name to its ChartSet or why it has none. */
export function htmlPage(run: RunRecord, charts: ReadonlyMap<string, ChartSet | string>, assets: InlineAssets): string {
  const ordered = attentionOrder(run.scenarios);
  const sets = [...charts.values()].filter((c): c is ChartSet => typeof c !== "string");
  // JSON inside <script>: "<" escaped so no string in it can close the element.
  const json = JSON.stringify(sets).replaceAll("<", "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${headline(run).text.slice(0, 1)} ai-chaos ${esc(run.id)}</title>
<style>${assets.css}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${header(run)}
<main>
<h2>Verdicts</h2>
<table class="verdicts">
<thead><tr><th>scenario</th><th>category</th><th>verdict</th><th>breached thresholds</th><th class="num">requests</th><th class="num">error rate</th><th class="num">p95 latency</th><th class="num">p95 TTFT</th><th class="num">recovery</th></tr></thead>
<tbody>
${ordered.map(verdictRow).join("\n")}
</tbody>
</table>
${llmTable(ordered)}<h2>Scenarios</h2>
${ordered.map((r) => scenarioSection(r, charts.get(r.name) ?? "no time series")).join("\n")}
</main>
<footer>Key figures come from each scenario's summary export (as in report.md): requests <code>http_reqs</code>, error rate <code>ai_req_failed</code> (else <code>http_req_failed</code>), p95 latency <code>http_req_duration{expected_response:true}</code>, p95 TTFT <code>ai_ttft</code>, recovery the max of <code>ai_recovery_seconds</code>; LLM figures: goodput <code>ai_goodput</code>, output tok/s the rate of <code>ai_output_tokens</code>, ITL p95 <code>ai_inter_token_latency</code>, amplification the max of <code>ai_upstream_amplification{phase:…}</code>. Charts come from each scenario's metrics.json, aggregated per second.</footer>
<script type="application/json" id="chart-data">${json}</script>
<script>${assets.script}</script>
</body>
</html>
`;
}
