import type { MetricType } from "../metrics/types.ts";
import type { ThresholdExpression } from "./expression.ts";

/** One threshold expression with its options and last verdict. */
export interface Threshold {
  source: string;
  abortOnFail: boolean;
  /** ms from test start before a failure may abort; null when unset (abort at once). */
  delayAbortEvalMs: number | null;
  expression: ThresholdExpression;
  /** Verdict of the last evaluation that ran it (k6's LastFailed; summary `ok` is its negation). */
  lastFailed: boolean;
}

/** The thresholds of one metric or submetric. */
export interface MetricThresholds {
  /** The options key as written, e.g. `http_req_duration{ phase:during }`. */
  key: string;
  /** The registry name it resolves to, e.g. `http_req_duration{phase:during}`. */
  metric: string;
  type: MetricType;
  thresholds: Threshold[];
  /** Sticky, as k6: set once an abortOnFail threshold failed past its delay. */
  abort: boolean;
  abortedBy?: { metric: string; expression: string };
}

/** Parsed, validated `options.thresholds`. */
export interface ThresholdSet {
  readonly metrics: MetricThresholds[];
  /** Non-fatal findings k6 logs as warnings (thresholds on the non-indexable vu/iter tags). */
  readonly warnings: string[];
}

/** Outcome of one evaluation. */
export interface ThresholdResult {
  failed: { metric: string; expression: string }[];
  abort: boolean;
  abortedBy?: { metric: string; expression: string };
}
