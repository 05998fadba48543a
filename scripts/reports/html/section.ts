// One scenario's part of index.html: verdict, reason, breached thresholds, key figures, LLM figures
// with the upstream amplification per phase, and the chart slots client.ts fills (three, and a
// fourth for inter-token latency and goodput when the run recorded them). All text is in the
// HTML, so it reads without JavaScript.
import { METRIC } from "../../../contracts/names.ts";
import type { ScenarioResult } from "../../chaos/types.ts";
import { parseMetricKey } from "../../chaos/verdict.ts";
import { amplificationCells, figureCells, formatBreach, formatElapsed, llmLine, verdictMark } from "../format.ts";
import { escapeXml as esc } from "../xml.ts";
import type { ChartSet } from "./types.ts";

/** passed → "passed"; failed and error share the red of "bad" as well as their own class; inconclusive has its own amber. */
export const verdictClass = (r: ScenarioResult): string => (r.verdict === "failed" || r.verdict === "error" ? `${r.verdict} bad` : r.verdict);

/** The element id of a scenario's section: names are file names, but ids must not start with a digit. */
export const sectionId = (name: string): string => `s-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;

/** The verdict pill, e.g. `✗ failed` on red. */
export const badge = (r: ScenarioResult): string =>
  `<span class="badge ${r.verdict}">${verdictMark(r.verdict)}</span>`;

const CHARTS = [
  ["requests", "Request rate"],
  ["errors", "Errors by class, failed share"],
  ["latency", "Latency and TTFT percentiles"],
] as const;
const LLM_CHART = ["llm", "Inter-token latency percentiles, goodput"] as const;

/** True when the series holds inter-token latencies or goodput samples (an older run or one without streams has none). */
const hasLlmSeries = (s: ChartSet["series"]): boolean => [...s.itlP95, ...s.goodputShare].some((v) => v !== null);

function charts(set: ChartSet): string {
  const s = set.series;
  const figures = [...CHARTS, ...(hasLlmSeries(s) ? [LLM_CHART] : [])].map(([kind, title]) =>
    `<figure><figcaption>${title}</figcaption><div class="chart" data-chart="${kind}"><noscript><p class="empty">The charts need JavaScript; the figures above do not.</p></noscript></div></figure>`);
  const shade = s.faultWindow ? `<span class="swatch window"></span>${esc(set.windowLabel)}: ${s.faultWindow.start.toFixed(1)}–${s.faultWindow.end.toFixed(1)}s` : "no phase=during samples";
  const recoveries = s.recoveries.map((r) => `recovered in ${r.seconds.toFixed(1)}s at ${r.at.toFixed(1)}s`).join(", ");
  const key = [
    shade,
    `<span class="swatch recovery"></span>${recoveries || "no recovery measured"}`,
    ...(set.limits.length ? ['<span class="swatch limit"></span>breached threshold'] : []),
    `x: seconds since the scenario's first sample, ${s.bucketSeconds}s buckets; latency is workload (chat, chat_stream) only`,
  ];
  return `<div class="charts">${figures.join("")}</div>\n<p class="key">${key.join(" · ")}</p>`;
}

/**
 * Upstream attempts ÷ client requests per phase, a phase whose amplification threshold breached
 * marked ✗ and `over` (red); undefined when the export has no amplification.
 */
function amplificationLine(r: ScenarioResult): string | undefined {
  const cells = amplificationCells(r.figures);
  if (cells.length === 0) return undefined;
  const breached = new Set(r.breaches.map((b) => parseMetricKey(b.metric)).filter(([name]) => name === METRIC.upstreamAmplification).map(([, tags]) => tags.phase));
  const phases = cells.map(([phase, ratio]) => (breached.has(phase) ? `<span class="phase over">${phase} <b>${ratio} ✗</b></span>` : `<span class="phase">${phase} <b>${ratio}</b></span>`));
  return `<p class="amplification">Upstream amplification (attempts at the links ÷ client requests): ${phases.join(" · ")}</p>`;
}

/** The section of one scenario; `set` is its ChartSet, or a sentence saying why it has none. */
export function scenarioSection(r: ScenarioResult, set: ChartSet | string): string {
  const f = figureCells(r.figures);
  const parts = [
    `<section class="scenario ${verdictClass(r)}" id="${sectionId(r.name)}">`,
    `<h3>${badge(r)} ${esc(r.name)} <small>${esc(r.category)} · ${formatElapsed(r.durationMs)}</small></h3>`,
    `<p>${esc(r.reason)}</p>`,
  ];
  if (r.breaches.length > 0) {
    parts.push(`<div class="breaches"><h4>Breached thresholds (${r.breaches.length})</h4><ul>${r.breaches.map((b) => `<li><code>${esc(formatBreach(b))}</code></li>`).join("")}</ul></div>`);
  }
  if (Object.keys(r.figures).length > 0) {
    parts.push(`<p class="figures">requests ${f.requests} · error rate ${f.errorRate} · p95 latency ${f.p95} · p95 TTFT ${f.ttftP95} · recovery ${f.recovery}</p>`);
  }
  const llm = llmLine(r.figures);
  if (llm) parts.push(`<p class="figures">${esc(llm)}</p>`);
  const amplification = amplificationLine(r);
  if (amplification) parts.push(amplification);
  if (r.stderrTail) parts.push(`<pre><code>${esc(r.stderrTail)}</code></pre>`);
  parts.push(typeof set === "string" ? `<p class="empty">${esc(set)}</p>` : charts(set));
  if (r.files.length > 0) parts.push(`<p class="files">${r.files.map((file) => `<a href="${esc(file)}">${esc(file.split("/").pop() ?? file)}</a>`).join("")}</p>`);
  parts.push("</section>");
  return parts.join("\n");
}
