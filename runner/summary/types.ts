import type { GroupResult } from "../metrics/checks.ts";
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
