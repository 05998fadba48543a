// report.md: the run for a human, in a PR comment or CI artifact: the result in one line, the
// verdict table (and the LLM figures' table when the runs recorded them), then each scenario's
// breached thresholds, key figures and files.
import type { RunRecord, ScenarioResult } from "../chaos/types.ts";
import { amplificationCells, figureCells, formatBreach, formatElapsed, hasLlmFigures, headline, incompleteReason, llmCells, llmLine, tally, verdictMark } from "./format.ts";

/** Table cells may not hold `|` or newlines. */
const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (text: string): string => `\`${text.replaceAll("`", "'")}\``;

function verdictRow(r: ScenarioResult): string {
  const f = figureCells(r.figures);
  const breached = r.breaches.length > 0 ? r.breaches.map((b) => code(`${b.metric} ${b.threshold}`)).join("<br>") : r.verdict === "passed" ? "none" : cell(r.reason);
  return `| ${r.name} | ${r.category} | ${verdictMark(r.verdict)} | ${breached} | ${f.requests} | ${f.errorRate} | ${f.p95} | ${f.ttftP95} | ${f.recovery} |`;
}

function section(r: ScenarioResult): string[] {
  const f = figureCells(r.figures);
  const lines = [`### ${r.name}: ${verdictMark(r.verdict)}`, "", `${r.category} · ${formatElapsed(r.durationMs)} · ${r.reason}`, ""];
  if (r.breaches.length > 0) lines.push("Breached thresholds:", "", ...r.breaches.map((b) => `- ${code(formatBreach(b))}`), "");
  if (Object.keys(r.figures).length > 0) {
    lines.push(`Key figures: requests ${f.requests} · error rate ${f.errorRate} · p95 latency ${f.p95} · p95 TTFT ${f.ttftP95} · recovery ${f.recovery}`, "");
  }
  const llm = llmLine(r.figures);
  if (llm) lines.push(`LLM figures: ${llm}`, "");
  const amplification = amplificationCells(r.figures);
  if (amplification.length > 0) lines.push(`Upstream amplification (attempts at the links ÷ client requests): ${amplification.map(([phase, ratio]) => `${phase} ${ratio}`).join(" · ")}`, "");
  if (r.stderrTail) lines.push("Engine stderr (last lines):", "", "```text", r.stderrTail.replaceAll("```", "'''"), "```", "");
  if (r.files.length > 0) lines.push(`Files: ${r.files.map((file) => `[${file.split("/").pop()}](${file})`).join(" · ")}`, "");
  return lines;
}

/** The LLM figures' table, one row per scenario as in the verdict table. */
function llmTable(results: readonly ScenarioResult[]): string[] {
  return [
    "## LLM figures",
    "",
    "| scenario | goodput | output tok/s | ITL p95 | amplification during |",
    "|---|--:|--:|--:|--:|",
    ...results.map((r) => `| ${r.name} | ${llmCells(r.figures).join(" | ")} |`),
    "",
    "Goodput `ai_goodput` (requests that met the TTFT, time-per-token and latency SLOs together), output tok/s",
    "the rate of `ai_output_tokens`, ITL p95 `ai_inter_token_latency` (every gap between two content events),",
    "amplification during the max of `ai_upstream_amplification{phase:during}` (upstream attempts ÷ client requests).",
    "",
  ];
}

/** The Markdown report for a run. */
export function markdownReport(run: RunRecord): string {
  const target = run.target.localStack ? `local stack, ${run.target.baseUrl}${run.target.fragile.length ? ` (fragile: ${run.target.fragile.join(", ")})` : ""}` : `${run.target.baseUrl} (BASE_URL)`;
  return [
    `# ai-chaos run ${run.id}`,
    "",
    `**${headline(run).text}** (${tally(run.scenarios)}; exit ${run.exitCode})${run.complete ? "" : `, **incomplete run**: ${incompleteReason(run)}`}`,
    "",
    `- profile: ${run.profile}`,
    `- engine: ${run.engine}`,
    `- target: ${target}`,
    `- started ${run.startedAt}, finished ${run.finishedAt}`,
    "",
    "## Verdicts",
    "",
    "| scenario | category | verdict | breached thresholds | requests | error rate | p95 latency | p95 TTFT | recovery |",
    "|---|---|---|---|--:|--:|--:|--:|--:|",
    ...run.scenarios.map(verdictRow),
    "",
    "Key figures come from each scenario's summary export: requests `http_reqs` (all traffic), error rate",
    "`ai_req_failed` (workload; else `http_req_failed`), p95 latency `http_req_duration{expected_response:true}`,",
    "p95 TTFT `ai_ttft`, recovery the max of `ai_recovery_seconds`; `–` where the scenario has no such metric.",
    "",
    ...(hasLlmFigures(run.scenarios) ? llmTable(run.scenarios) : []),
    "## Scenarios",
    "",
    ...run.scenarios.flatMap(section),
  ].join("\n");
}
