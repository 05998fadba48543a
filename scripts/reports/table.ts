// The verdict table printed at the end of `npm run chaos`: one row per scenario, then each
// breached threshold under a heading of its scenario, so a failing run says what caught it.
import type { ScenarioResult } from "../chaos/types.ts";
import { figureCells, formatBreach, verdictMark } from "./format.ts";

const HEADERS = ["scenario", "category", "verdict", "breached", "requests", "errors", "p95", "p95 TTFT", "recovery"] as const;

/** The rows as cells, in HEADERS order. */
export function tableRows(results: readonly ScenarioResult[]): string[][] {
  return results.map((r) => {
    const f = figureCells(r.figures);
    const breached = r.verdict === "failed" ? String(r.breaches.length) : r.verdict === "passed" ? "0" : "–";
    return [r.name, r.category, verdictMark(r.verdict), breached, f.requests, f.errorRate, f.p95, f.ttftP95, f.recovery];
  });
}

/** Columns padded to their widest cell; figures right-aligned. */
function layout(rows: readonly string[][]): string {
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c >= 3 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join("  ").trimEnd();
  return [line(HEADERS), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

/** The table, followed by the breached thresholds and error reasons of scenarios that did not pass. */
export function verdictTable(results: readonly ScenarioResult[]): string {
  const details = results
    .filter((r) => r.verdict !== "passed")
    .flatMap((r) => [`${verdictMark(r.verdict)} ${r.name}: ${r.reason}`, ...r.breaches.map((b) => `    ${formatBreach(b)}`)]);
  return details.length > 0 ? `${layout(tableRows(results))}\n\n${details.join("\n")}` : layout(tableRows(results));
}
