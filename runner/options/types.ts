import type { FieldKind } from "../executors/types.ts";

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
  handleSummaryTimeout?: number;
  noSetup?: boolean;
  noTeardown?: boolean;
  userAgent?: string;
}

/** How k6 marshals an option (inspect's JSON): the executors' kinds plus lib.Options' own. */
export type OptionKind = FieldKind | "bool" | "string" | "map" | "raw" | "scenarios" | "thresholds" | "dns";

// lib.Options' fields in struct order. `cloud` is omitempty; `dns` is a struct, never null.
export const LIB_OPTIONS: ReadonlyArray<readonly [string, OptionKind]> = [
  ["paused", "bool"], ["vus", "int"], ["duration", "duration"], ["iterations", "int"], ["stages", "stages"],
  ["scenarios", "scenarios"], ["executionSegment", "raw"], ["executionSegmentSequence", "raw"],
  ["noSetup", "bool"], ["setupTimeout", "duration"], ["noTeardown", "bool"], ["teardownTimeout", "duration"],
  ["handleSummaryTimeout", "duration"], ["rps", "int"], ["dns", "dns"], ["maxRedirects", "int"], ["userAgent", "string"],
  ["batch", "int"], ["batchPerHost", "int"], ["httpDebug", "string"], ["insecureSkipTLSVerify", "bool"],
  ["tlsCipherSuites", "raw"], ["tlsVersion", "raw"], ["tlsAuth", "raw"], ["throw", "bool"], ["thresholds", "thresholds"],
  ["blacklistIPs", "raw"], ["blockHostnames", "raw"], ["hosts", "raw"], ["noConnectionReuse", "bool"],
  ["noVUConnectionReuse", "bool"], ["minIterationDuration", "duration"], ["cloud", "raw"], ["ext", "raw"],
  ["summaryTrendStats", "raw"], ["summaryTimeUnit", "string"], ["systemTags", "raw"], ["tags", "map"],
  ["metricSamplesBufferSize", "int"], ["noCookiesReset", "bool"], ["discardResponseBodies", "bool"], ["features", "raw"],
];
