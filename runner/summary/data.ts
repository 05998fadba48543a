import type { CheckTracker, GroupResult } from "../metrics/checks.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import { TrendSink } from "../metrics/trend-sink.ts";
import { DEFAULT_TREND_STATS } from "../metrics/values.ts";
import type { ThresholdSet } from "../thresholds/index.ts";
import type { MetricType, ValueType } from "../metrics/types.ts";

/** One entry of `data.metrics` in handleSummary's object. */
export interface SummaryMetric {
  type: MetricType;
  contains: ValueType;
  values: Record<string, number>;
  /** Present only on metrics with thresholds: expression → {ok}. */
  thresholds?: Record<string, { ok: boolean }>;
}

/** The object k6 passes to `handleSummary(data)` (its default, "legacy" shape). */
export interface SummaryData {
  root_group: GroupResult;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  /** Present only when setup() returned a value (a JSON round-tripped copy). */
  setup_data?: unknown;
}

/**
 * Hidden (symbol-keyed, not serialised) companion of SummaryData for the text summary:
 * each threshold aggregate's value, since `values` holds only the summaryTrendStats keys.
 */
export const THRESHOLD_VALUES: unique symbol = Symbol("thresholdValues");

/** SummaryData as buildSummaryData returns it, with the hidden threshold values. */
export type SummaryDataWithExtras = SummaryData & { [THRESHOLD_VALUES]?: Record<string, Record<string, number>> };

/** The text before the operator, as the summary labels a threshold's value ("p(95)"). */
export const thresholdLabel = (source: string): string => source.split(/[=><]/)[0]?.trim() ?? "";

/** What a summary is built from: the run's metrics, thresholds and checks, and its summary options. */
export interface SummarySources {
  registry: MetricRegistry;
  thresholds: ThresholdSet;
  checks: CheckTracker;
  testRunDurationMs: number;
  summaryTrendStats?: string[];
  summaryTimeUnit?: string;
}

/** Each threshold aggregate's current value per metric, for the text summary. */
function thresholdValues(
  set: ThresholdSet,
  registry: MetricRegistry,
  durationMs: number,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const mt of set.metrics) {
    const sink = registry.sink(mt.metric);
    const values = registry.values(mt.metric, durationMs, ["avg", "min", "med", "max"]) ?? {};
    for (const t of mt.thresholds) {
      const p = t.expression.percentile;
      if (p !== undefined && sink instanceof TrendSink) values[thresholdLabel(t.source)] = sink.percentile(p / 100);
    }
    out[mt.metric] = values;
  }
  return out;
}

/**
 * Builds k6's handleSummary `data` object (legacy shape): options {summaryTrendStats,
 * summaryTimeUnit, noColor}, state {isStdOutTTY, isStdErrTTY, testRunDurationMs},
 * metrics[name] = {type, contains, values, thresholds?: {expr: {ok}}} for every observed
 * metric, root_group {name:"", path:"", id, groups, checks}, setup_data when setup returned one.
 * Call it after the final threshold evaluation: `ok` is each threshold's last verdict.
 */
export function buildSummaryData(input: SummarySources & {
  setupData?: unknown;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
  noColor?: boolean;
}): SummaryData {
  const { registry, thresholds, testRunDurationMs } = input;
  const trendStats = input.summaryTrendStats ?? [...DEFAULT_TREND_STATS];
  const metrics: Record<string, SummaryMetric> = {};
  for (const name of registry.observed().sort()) {
    const info = registry.info(name);
    const values = registry.values(name, testRunDurationMs, trendStats);
    if (!info || !values) continue;
    const metric: SummaryMetric = { type: info.type, contains: info.contains, values };
    const own = thresholds.metrics.filter((m) => m.metric === name).flatMap((m) => m.thresholds);
    if (own.length > 0) metric.thresholds = Object.fromEntries(own.map((t) => [t.source, { ok: !t.lastFailed }]));
    metrics[name] = metric;
  }
  const data: SummaryDataWithExtras = {
    root_group: input.checks.rootGroup(),
    options: { summaryTrendStats: trendStats, summaryTimeUnit: input.summaryTimeUnit ?? "", noColor: input.noColor ?? false },
    state: { isStdOutTTY: input.isStdOutTTY, isStdErrTTY: input.isStdErrTTY, testRunDurationMs },
    metrics,
  };
  if (input.setupData !== undefined) {
    const json = JSON.stringify(input.setupData);
    if (json !== undefined) data.setup_data = JSON.parse(json);
  }
  const hidden = thresholdValues(thresholds, registry, testRunDurationMs);
  Object.defineProperty(data, THRESHOLD_VALUES, { value: hidden, enumerable: false });
  return data;
}
