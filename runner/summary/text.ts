import type { CheckResult, GroupResult } from "../metrics/checks.ts";
import { humanizeValue } from "./format.ts";
import { createStyle, displayName, renderMetricLines, sortMetricNames, type Style } from "./text-table.ts";
import { THRESHOLD_VALUES, thresholdLabel, type SummaryData, type SummaryDataWithExtras, type SummaryMetric } from "./data.ts";

type Entry = [string, SummaryMetric];

const I1 = "  ";
const I2 = "    ";
const prefixed = (...prefixes: string[]) => (name: string): boolean => prefixes.some((p) => name.startsWith(p));
// k6's compact mode leaves these out of the metric list; like k6, by name prefix.
const SKIPPED = prefixed("checks", "group_duration", "http_req_blocked", "http_req_connecting", "http_req_receiving",
  "http_req_sending", "http_req_tls_handshaking", "http_req_waiting");
const SECTIONS: [string, (n: string) => boolean][] = [
  ["HTTP", prefixed("http_reqs", "http_req_failed", "http_req_duration")],
  ["EXECUTION", prefixed("vus", "iterations", "iteration_duration", "dropped_iterations")],
  ["NETWORK", prefixed("data_sent", "data_received")],
  ["BROWSER", prefixed("browser_")],
  ["GRPC", prefixed("grpc_")],
  ["WEBSOCKET", prefixed("ws_")],
];

/** One metric's block: its name (a submetric nested under a listed parent), then ✓/✗ lines. */
function thresholdBlock(data: SummaryDataWithExtras, name: string, nested: boolean, s: Style): string[] {
  const m = data.metrics[name] as SummaryMetric;
  const parent = name.split("{", 1)[0] ?? name;
  const indent = nested ? I2 + I1 : I2;
  const lines = [indent + (nested ? name.slice(parent.length) : name)];
  for (const [source, { ok }] of Object.entries(m.thresholds ?? {})) {
    const label = thresholdLabel(source);
    const raw = data[THRESHOLD_VALUES]?.[name]?.[label] ?? m.values[label];
    const unit = m.type === "counter" && label === "rate" ? "/s" : "";
    const shown = raw === undefined ? "" : humanizeValue(raw, m.type, m.contains, data.options.summaryTimeUnit) + unit;
    lines.push(`${indent}${ok ? s.ok("✓") : s.bad("✗")} '${source.trim()}' ${label}=${s.value(shown)}`);
  }
  return [...lines, ""];
}

function thresholdLines(data: SummaryData, s: Style): string[] {
  const hasThresholds = (n: string): boolean => Object.keys(data.metrics[n]?.thresholds ?? {}).length > 0;
  const names = sortMetricNames(Object.keys(data.metrics).filter(hasThresholds));
  return names.flatMap((name) => {
    const parent = name.split("{", 1)[0] ?? name;
    return thresholdBlock(data, name, parent !== name && names.includes(parent), s);
  });
}

/** Checks merged by name across groups, in first-seen order (k6's total results). */
function allChecks(group: GroupResult, into = new Map<string, CheckResult>()): Map<string, CheckResult> {
  for (const c of group.checks) {
    const seen = into.get(c.name);
    into.set(c.name, seen ? { ...seen, passes: seen.passes + c.passes, fails: seen.fails + c.fails } : { ...c });
  }
  for (const g of group.groups) allChecks(g, into);
  return into;
}

function checkLines(data: SummaryData, s: Style): string[] {
  const checks = data.metrics.checks;
  if (!checks) return [];
  const passes = checks.values.passes ?? 0;
  const total = passes + (checks.values.fails ?? 0);
  const fails = total - passes;
  const perSecond = data.state.testRunDurationMs > 0 ? total / (data.state.testRunDurationMs / 1000) : 0;
  const rate = (values: Record<string, number>): SummaryMetric => ({ type: "rate", contains: "default", values });
  const rows: Entry[] = [
    ["checks_total", { type: "counter", contains: "default", values: { count: total, rate: perSecond } }],
    ["checks_succeeded", rate({ rate: total ? passes / total : 0, passes, fails })],
    // k6 shows "<failed> out of <total>" here, hence passes = failed checks.
    ["checks_failed", rate({ rate: total ? fails / total : 0, passes: fails, fails: passes })],
  ];
  const nameWidth = "checks_succeeded".length;
  const lines = renderMetricLines(rows, { indent: I2, nameWidth, trendStats: [], timeUnit: "", style: s });
  lines.push("");
  for (const c of allChecks(data.root_group).values()) {
    if (c.fails === 0) {
      lines.push(I2 + s.ok(`✓ ${c.name}`));
      continue;
    }
    const pct = Math.floor((100 * c.passes) / (c.passes + c.fails));
    lines.push(I2 + s.bad(`✗ ${c.name}`), I2 + I1 + s.bad(`↳  ${pct}% — ✓ ${c.passes} / ✗ ${c.fails}`));
  }
  return [...lines, ""];
}

function metricLines(data: SummaryData, s: Style): string[] {
  const shown = Object.entries(data.metrics).filter(([n]) => !SKIPPED(n));
  const nameWidth = Math.max(0, ...shown.map(([n]) => displayName(n).length));
  const { summaryTrendStats: trendStats, summaryTimeUnit: timeUnit } = data.options;
  const opts = { indent: I2, nameWidth, trendStats, timeUnit, style: s, alignWith: shown };
  const custom = (n: string): boolean => !SECTIONS.some(([, is]) => is(n));
  return [["CUSTOM", custom] as const, ...SECTIONS].flatMap(([title, is]) => {
    const byName = new Map(shown.filter(([n]) => is(n)));
    if (byName.size === 0) return [];
    const sorted = sortMetricNames([...byName.keys()]).map((n): Entry => [n, byName.get(n) as SummaryMetric]);
    return [I2 + s.bold(title), ...renderMetricLines(sorted, opts), ""];
  });
}

/**
 * A k6-like end-of-test text summary: thresholds first with ✓/✗ per expression and the value
 * judged, then checks, then metrics grouped CUSTOM, HTTP, EXECUTION, NETWORK…, trend stats per
 * summaryTrendStats, durations formatted like k6. Colors are off unless enabled.
 * k6 prints it as "\n" + text + "\n\n".
 */
export function renderTextSummary(data: SummaryData, opts?: { enableColors?: boolean }): string {
  const s = createStyle(opts?.enableColors ?? false);
  const title = (t: string): string[] => ["", `${I1}█ ${s.bold(t)}`, ""];
  const thresholds = thresholdLines(data, s);
  return [
    ...(thresholds.length > 0 ? [...title("THRESHOLDS"), ...thresholds] : []),
    ...title("TOTAL RESULTS"),
    ...checkLines(data, s),
    ...metricLines(data, s),
  ].join("\n");
}
