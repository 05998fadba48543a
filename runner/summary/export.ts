import type { SummaryData } from "./data.ts";

type Json = Record<string, unknown>;

/** `groups` and `checks` arrays become objects keyed by name, recursively (k6's old group shape). */
function keyedGroup(group: Json): Json {
  const groups = Array.isArray(group.groups) ? (group.groups as Json[]) : [];
  const checks = Array.isArray(group.checks) ? (group.checks as Json[]) : [];
  return {
    ...group,
    groups: Object.fromEntries(groups.map((g) => [String(g.name), keyedGroup(g)])),
    checks: Object.fromEntries(checks.map((c) => [String(c.name), c])),
  };
}

/**
 * The --summary-export file content, k6's older export shape: `options` and `state` dropped,
 * each metric flattened to its values, a Rate's `rate` renamed `value`, thresholds as
 * `{expression: true-when-FAILED}`, group and check arrays keyed by name; `setup_data` kept.
 */
export function summaryExport(data: SummaryData): object {
  const copy = JSON.parse(JSON.stringify(data)) as Json & { metrics: Record<string, Json> };
  delete copy.options;
  delete copy.state;
  for (const [name, metric] of Object.entries(copy.metrics)) {
    const flat = metric.values as Json;
    const thresholds = metric.thresholds as Record<string, { ok: boolean }> | undefined;
    if (thresholds && Object.keys(thresholds).length > 0) {
      flat.thresholds = Object.fromEntries(Object.entries(thresholds).map(([expr, t]) => [expr, !t.ok]));
    }
    if (metric.type === "rate" && Object.hasOwn(flat, "rate")) {
      flat.value = flat.rate;
      delete flat.rate;
    }
    copy.metrics[name] = flat;
  }
  copy.root_group = keyedGroup(copy.root_group as Json);
  return copy;
}

/** The export file text as k6 writes it: pretty-printed with 4-space indentation. */
export function summaryExportJson(data: SummaryData): string {
  return JSON.stringify(summaryExport(data), null, 4);
}
