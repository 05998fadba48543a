// Names of our own metrics, in one place so that lib/metrics.ts (which declares them with
// k6/metrics) and thresholds/ (pure, no k6 imports) cannot drift apart.

/** Every `ai_*` metric name; see lib/README.md for what each one measures. */
export const METRIC = {
  ttft: "ai_ttft",
  timePerOutputToken: "ai_time_per_output_token",
  outputTokens: "ai_output_tokens",
  reqFailed: "ai_req_failed",
  reqUnanswered: "ai_req_unanswered",
  errors: "ai_errors",
  errorsWellFormed: "ai_errors_well_formed",
  streamComplete: "ai_stream_complete",
  serviceAlive: "ai_service_alive",
  recoverySeconds: "ai_recovery_seconds",
  recoveries: "ai_recoveries",
} as const;

/** The `class` tag values of `ai_errors`. */
export const ERROR_CLASSES = ["timeout", "reset", "5xx", "429", "4xx", "malformed", "stream_cut", "in_band"] as const;

/** One of ERROR_CLASSES. */
export type ErrorClass = (typeof ERROR_CLASSES)[number];
