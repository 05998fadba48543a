// Text tables for the terminal: the verdict table printed at the end of `npm run chaos` (one row
// per scenario; then, when the runs recorded them, the LLM figures in a second table with the same
// rows, since one table of 13 columns would not fit a terminal; then each breached threshold under
// a heading of its scenario, so a failing run says what caught it), and the columns `--inspect`
// prints a plan in.
import type { ScenarioResult } from "../chaos/types.ts";
import { figureCells, formatBreach, hasLlmFigures, LLM_HEADERS, llmCells, verdictMark } from "./format.ts";

const HEADERS = ["scenario", "category", "verdict", "breached", "requests", "errors", "p95", "p95 TTFT", "recovery"] as const;

/**
 * `header`, a rule and `rows`, each column padded to its widest cell and two spaces apart;
 * columns for which `right(c)` holds (figures) are right-aligned. `indent` starts every line.
 */
export function textColumns(header: readonly string[], rows: readonly (readonly string[])[], right: (column: number) => boolean = () => false, indent = ""): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((cell, c) => (right(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

/** The rows as cells, in HEADERS order. */
export function tableRows(results: readonly ScenarioResult[]): string[][] {
  return results.map((r) => {
    const f = figureCells(r.figures);
    const breached = r.verdict === "failed" || r.verdict === "inconclusive" ? String(r.breaches.length) : r.verdict === "passed" ? "0" : "–";
    return [r.name, r.category, verdictMark(r.verdict), breached, f.requests, f.errorRate, f.p95, f.ttftP95, f.recovery];
  });
}

/** The LLM figures' rows: scenario, goodput, output tok/s, ITL p95, amplification during the fault. */
export function llmRows(results: readonly ScenarioResult[]): string[][] {
  return results.map((r) => [r.name, ...llmCells(r.figures)]);
}

/** The table (and the LLM figures' table, when a scenario has one), then the breached thresholds and error reasons of scenarios that did not pass. */
export function verdictTable(results: readonly ScenarioResult[]): string {
  const verdicts = textColumns(HEADERS, tableRows(results), (c) => c >= 3);
  const table = hasLlmFigures(results) ? `${verdicts}\n\n${textColumns(["scenario", ...LLM_HEADERS], llmRows(results), (c) => c >= 1)}` : verdicts;
  const details = results
    .filter((r) => r.verdict !== "passed")
    .flatMap((r) => [`${verdictMark(r.verdict)} ${r.name}: ${r.reason}`, ...r.breaches.map((b) => `    ${formatBreach(b)}`)]);
  return details.length > 0 ? `${table}\n\n${details.join("\n")}` : table;
}
