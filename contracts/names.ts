// The names k6 scripts, thresholds, reports and the runner share: our `ai_*` metrics, the error
// classes of `ai_errors`, and the tag vocabulary every request carries (`phase`, `kind`, `probe`),
// so that thresholds select exactly the traffic they judge. Control-plane traffic (`control`: the
// fault API; `probe`: health, readiness and recovery probes) is tagged so that no SLO threshold
// ever counts it. Pure: no Node or k6 imports.

/** Every `ai_*` metric name; lib/README.md says what each one measures. */
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
  /** Trend (ms): the mean gap between two content events of each stream, one sample per stream; k6 sees no event's own arrival (lib/README.md). */
  interTokenLatency: "ai_inter_token_latency",
  /** Rate: the request met the TTFT, time-per-token and latency SLOs together (goodput, as vLLM and GuideLLM define it). */
  goodput: "ai_goodput",
  /** Trend, tag `phase`: upstream attempts the fault controller's links counted ÷ client requests sent, one sample per phase. */
  upstreamAmplification: "ai_upstream_amplification",
  /** Trend, tags `target` and `phase`: answers a provider link had open (relayed, not yet ended), sampled every 250 ms; orphaned generations stay open after their client left. */
  upstreamOpen: "ai_upstream_open",
  /** Rate, tag `class`: 1 when the service did not answer a provider's error class as the contract asks (relayed, or failed over); lib/error-classes.ts. */
  errorClassFailed: "ai_error_class_failed",
  /** Counter, tag `fault` (the fault's id in the plan, e.g. `disrupt#1`): requests, connections or pods a fault acted on, as the controller counted them. */
  faultAffected: "ai_fault_affected",
  /** Rate, tag `fault`: 1 when a fault acted on at least one thing, 0 when it landed on nothing (the verdict is then inconclusive). */
  faultLanded: "ai_fault_landed",
} as const;

/** The `class` tag values of `ai_errors`. */
export const ERROR_CLASSES = ["timeout", "reset", "5xx", "429", "4xx", "malformed", "stream_cut", "in_band", "corrupt"] as const;

/** One of ERROR_CLASSES. */
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The `phase` tag: where in the fault timeline a request was sent (lib/profiles.ts). */
export const PHASES = ["before", "during", "after"] as const;

/** One of PHASES. */
export type Phase = (typeof PHASES)[number];

/**
 * What a request is for: the `kind` tag. `invalid`: malformed on purpose (expects a 4xx);
 * `over_deadline`: asks for a generation slower than the service's deadline (expects a timeout
 * answer); `long_stream`: a stream held open for seconds on purpose (a saturation surge);
 * `abandoned`: a stream its client gives up on after a short timeout (client-cancel);
 * `error_class`: asks a provider for one error class (error-classes, judged by `ai_error_class_failed`).
 */
export type Kind = "chat" | "chat_stream" | "invalid" | "over_deadline" | "long_stream" | "abandoned" | "error_class" | "probe" | "control";

/** Kinds of ordinary workload traffic, judged by the latency SLOs. */
export const WORKLOAD_KINDS: readonly Kind[] = ["chat", "chat_stream"];

/** Which probe sent a health request: the `probe` tag on `ai_service_alive`. */
export type ProbeName = "setup" | "liveness" | "recovery" | "final";

/** Tags of one workload request: `name` groups URLs, `phase` and `kind` select thresholds. */
export interface RequestTags {
  [key: string]: string;
  phase: Phase;
  kind: Kind;
  name: string;
}
