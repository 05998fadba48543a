// Reads a `--summary-export` file (k6's older export format, §4.3 of k6-semantics.md): every
// metric flattened to its values, a Rate's `rate` renamed `value`, and `thresholds` a map of
// expression → boolean where TRUE MEANS FAILED (k6#1498, k6-docs#30: kept for compatibility).
import { readFileSync } from "node:fs";
import type { Breach, KeyFigures } from "./types.ts";

type Values = Record<string, unknown>;
/** The parts of a summary export this module reads. */
export interface SummaryExport {
  metrics: Record<string, Values>;
}

/** The export at `file`, or undefined when it is missing or not a summary export. */
export function readSummary(file: string): SummaryExport | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    const metrics = (data as { metrics?: unknown })?.metrics;
    return metrics && typeof metrics === "object" ? { metrics: metrics as Record<string, Values> } : undefined;
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The aggregate an expression tests ("p(95)<500" → values["p(95)"]); a Rate's `rate` is `value` here. */
export function observedValue(values: Values, expression: string): number | undefined {
  const cut = expression.search(/[<>=!]/);
  const method = (cut < 0 ? expression : expression.slice(0, cut)).trim().replace(/\s+/g, "");
  if (method === "rate") return num(values.rate) ?? num(values.value);
  return num(values[method]);
}

/** Every breached threshold (value `true`), in metric-key order. */
export function breachedThresholds(summary: SummaryExport): Breach[] {
  const out: Breach[] = [];
  for (const metric of Object.keys(summary.metrics).sort()) {
    const values = summary.metrics[metric] ?? {};
    const thresholds = values.thresholds;
    if (!thresholds || typeof thresholds !== "object") continue;
    for (const [threshold, failed] of Object.entries(thresholds as Record<string, unknown>)) {
      if (failed !== true) continue;
      const observed = observedValue(values, threshold);
      out.push(observed === undefined ? { metric, threshold } : { metric, threshold, observed });
    }
  }
  return out;
}

/** The key figures (see KeyFigures for which metric each comes from). */
export function keyFigures(summary: SummaryExport): KeyFigures {
  const m = summary.metrics;
  const figures: KeyFigures = {
    requests: num(m.http_reqs?.count),
    errorRate: num(m.ai_req_failed?.value) ?? num(m.http_req_failed?.value),
    p95Ms: num(m["http_req_duration{expected_response:true}"]?.["p(95)"]) ?? num(m.http_req_duration?.["p(95)"]),
    ttftP95Ms: num(m.ai_ttft?.["p(95)"]),
    recoverySeconds: num(m.ai_recovery_seconds?.max),
  };
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as KeyFigures;
}
