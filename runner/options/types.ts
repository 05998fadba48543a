/** One `{duration, target}` stage with the duration in milliseconds. */
export interface Stage {
  duration: number;
  target: number;
}

/**
 * One tier of execution options (script, K6_* env, or CLI flags), durations in ms.
 * Only the fields a tier sets are present, as k6's null-able option types.
 */
export interface OptionTier {
  vus?: number;
  duration?: number;
  iterations?: number;
  stages?: Stage[];
  scenarios?: Record<string, unknown>;
  tags?: Record<string, string>;
  thresholds?: unknown;
  noThresholds?: boolean;
  summaryExport?: string;
  summaryTrendStats?: string[];
  summaryTimeUnit?: string;
  discardResponseBodies?: boolean;
  maxRedirects?: number;
  setupTimeout?: number;
  teardownTimeout?: number;
}
