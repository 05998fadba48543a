import { humanizeValue } from "./format.ts";
import type { SummaryMetric } from "./data.ts";

/** "metric" or, for a submetric, "  { k:v }" (shown under its parent). */
export function displayName(name: string): string {
  const open = name.indexOf("{");
  return open === -1 ? name : `  { ${name.slice(open + 1, -1)} }`;
}

/** Sorts names by parent metric, then submetric suffix, keeping submetrics under their parent. */
export function sortMetricNames(names: string[]): string[] {
  const parent = (n: string): string => n.split("{", 1)[0] ?? n;
  const suffix = (n: string): string => n.slice(parent(n).length);
  return [...names].sort((a, b) => parent(a).localeCompare(parent(b)) || suffix(a).localeCompare(suffix(b)));
}

/** The cells of one metric line: trend stats as `stat=value`, others value then extras. */
function cells(m: SummaryMetric, trendStats: string[], timeUnit: string): string[] {
  const show = (v: number | undefined): string => humanizeValue(v ?? 0, m.type, m.contains, timeUnit);
  switch (m.type) {
    case "trend":
      return trendStats.map((s) => `${s}=${s === "count" ? String(m.values[s] ?? 0) : show(m.values[s])}`);
    case "counter":
      return [show(m.values.count), `${show(m.values.rate)}/s`];
    case "gauge":
      return [show(m.values.value), `min=${show(m.values.min)}`, `max=${show(m.values.max)}`];
    case "rate":
      return [show(m.values.rate), `${m.values.passes ?? 0} out of ${(m.values.passes ?? 0) + (m.values.fails ?? 0)}`];
  }
}

/**
 * Renders metric lines `name.....: cells` with dots aligning the colons (at least three)
 * and cells padded to their column's widest entry among `alignWith` (default: these
 * metrics), so that several sections share columns. Trend and non-trend columns align apart.
 */
export function renderMetricLines(
  metrics: [string, SummaryMetric][],
  opts: {
    indent: string;
    nameWidth: number;
    trendStats: string[];
    timeUnit: string;
    style: Style;
    alignWith?: [string, SummaryMetric][];
  },
): string[] {
  const row = ([name, m]: [string, SummaryMetric]) => ({
    name,
    trend: m.type === "trend",
    cells: cells(m, opts.trendStats, opts.timeUnit),
  });
  const rows = metrics.map(row);
  const all = opts.alignWith?.map(row) ?? rows;
  const widths = (trend: boolean): number[] => {
    const w: number[] = [];
    for (const r of all.filter((x) => x.trend === trend)) r.cells.forEach((c, i) => (w[i] = Math.max(w[i] ?? 0, c.length)));
    return w;
  };
  const colWidths = { true: widths(true), false: widths(false) };
  return rows.map((r) => {
    const shown = displayName(r.name);
    const dots = ".".repeat(Math.max(3, opts.nameWidth - shown.length + 3));
    const w = colWidths[`${r.trend}`];
    const data = r.cells.map((c, i) => opts.style.value(c) + " ".repeat((w[i] ?? 0) - c.length)).join(" ");
    return `${opts.indent}${shown}${opts.style.faint(`${dots}:`)} ${data}`.trimEnd();
  });
}

/** ANSI decoration for the text summary; every method is the identity when colors are off. */
export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  value(text: string): string;
  faint(text: string): string;
  bold(text: string): string;
}

const wrap = (on: boolean, code: string) => (text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The summary's palette: green passes, red failures, cyan values, faint dots, bold titles. */
export function createStyle(enableColors: boolean): Style {
  return {
    ok: wrap(enableColors, "32"),
    bad: wrap(enableColors, "31"),
    value: wrap(enableColors, "36"),
    faint: wrap(enableColors, "2;37"),
    bold: wrap(enableColors, "1"),
  };
}
