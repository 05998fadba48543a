// One scenario's part of index.html: verdict, reason, breached thresholds, key figures and the
// three chart slots client.ts fills. All text is in the HTML, so it reads without JavaScript.
import type { ScenarioResult } from "../../chaos/types.ts";
import { figureCells, formatBreach, formatElapsed, verdictMark } from "../format.ts";
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

function charts(set: ChartSet): string {
  const s = set.series;
  const figures = CHARTS.map(([kind, title]) =>
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
  if (r.stderrTail) parts.push(`<pre><code>${esc(r.stderrTail)}</code></pre>`);
  parts.push(typeof set === "string" ? `<p class="empty">${esc(set)}</p>` : charts(set));
  if (r.files.length > 0) parts.push(`<p class="files">${r.files.map((file) => `<a href="${esc(file)}">${esc(file.split("/").pop() ?? file)}</a>`).join("")}</p>`);
  parts.push("</section>");
  return parts.join("\n");
}
