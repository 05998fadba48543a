// index.html: the run at a glance in one self-contained file (see scripts/README.md). Reads each
// scenario's metrics.json (streamed), aggregates it per second and renders the page. Never throws
// for a bad or missing metrics file: that scenario's charts give way to a sentence saying why.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RunRecord, ScenarioResult } from "../chaos/types.ts";
import { inlineAssets, type InlineAssets } from "./html/bundle.ts";
import { limitLines } from "./html/limits.ts";
import { htmlPage } from "./html/page.ts";
import { readSeries } from "./html/read-points.ts";
import { sectionId } from "./html/section.ts";
import type { ChartSet } from "./html/types.ts";

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The charts of one scenario, or why it has none. */
export function chartSet(dir: string, r: ScenarioResult): ChartSet | string {
  if (r.verdict === "skipped") return "not run: no time series";
  const file = r.files.find((f) => f.endsWith("metrics.json")) ?? `${r.name}/metrics.json`;
  const path = join(dir, file);
  if (!existsSync(path)) return `no time series: ${file} was not written`;
  try {
    const series = readSeries(path);
    if (!series) return `no time series: ${file} holds no samples`;
    const windowLabel = r.category === "baseline" ? "phase=during (no fault in a baseline)" : "fault window (phase=during)";
    return { id: sectionId(r.name), series, limits: limitLines(r.breaches), windowLabel };
  } catch (err) {
    return `no time series: reading ${file} failed: ${message(err)}`;
  }
}

/** The HTML report of `run`, whose scenario files are in `dir`. */
export function htmlReport(dir: string, run: RunRecord): string {
  const charts = new Map(run.scenarios.map((r) => [r.name, chartSet(dir, r)] as const));
  let assets: InlineAssets;
  try {
    assets = inlineAssets();
  } catch (err) {
    // Without the chart script the table and the text still stand; say why the charts are missing.
    for (const [name, set] of charts) if (typeof set !== "string") charts.set(name, `charts unavailable: ${message(err)}`);
    assets = { script: "", css: "" };
  }
  return htmlPage(run, charts, assets);
}
