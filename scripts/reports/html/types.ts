// The data index.html embeds, shared by the Node side that aggregates it (series.ts, page.ts) and
// the browser side that draws it (client.ts): plain JSON, type imports only.

/** One `Point` line of the JSON output: `time` in epoch ms, `value` in the metric's unit. */
export interface MetricPoint {
  metric: string;
  time: number;
  value: number;
  tags: Readonly<Record<string, string>>;
}

/** A scenario's charts' data; times are seconds since its first point, one entry per bucket. */
export interface ScenarioSeries {
  /** Epoch ms of second 0. */
  startMs: number;
  /** Bucket width in seconds: 1, wider only for runs longer than MAX_BUCKETS seconds. */
  bucketSeconds: number;
  /** Start of each bucket. */
  t: number[];
  /** Requests per second: workload kinds (chat, chat_stream) and everything else (probes, control, …). */
  workloadRps: number[];
  otherRps: number[];
  /** `ai_errors` per second by its `class` tag; only classes that occurred. */
  errorsByClass: Record<string, number[]>;
  /** Share 0..1 of failed workload requests (`ai_req_failed`, else `http_req_failed`); null: no requests. */
  failedShare: (number | null)[];
  /** ms: p50/p95 of workload `http_req_duration` and of `ai_ttft`; null where a bucket has none. */
  latencyP50: (number | null)[];
  latencyP95: (number | null)[];
  ttftP50: (number | null)[];
  ttftP95: (number | null)[];
  /** ms: p50/p95 of `ai_inter_token_latency` (gaps between two content events of a stream); null where a bucket has none. */
  itlP50: (number | null)[];
  itlP95: (number | null)[];
  /** Share 0..1 of requests that met the SLOs together (`ai_goodput`); null: none ended in that bucket. */
  goodputShare: (number | null)[];
  /** Seconds since start: first to last sample tagged phase=during; null when none is. */
  faultWindow: { start: number; end: number } | null;
  /** Each `ai_recovery_seconds` sample: when it was taken (s since start) and its value (s). */
  recoveries: { at: number; seconds: number }[];
}

/** A breached threshold's limit drawn as a horizontal line: ms on "latency" and "itl", percent on "errors" and "goodput". */
export interface LimitLine {
  /** Which line it is; "itl" and "goodput" share the LLM chart, on its ms and percent scales. */
  chart: "errors" | "latency" | "itl" | "goodput";
  value: number;
  /** The threshold as written, e.g. `ai_req_failed{phase:after} rate<0.01`. */
  label: string;
}

/** One scenario's charts as the page embeds them (JSON in a script element). */
export interface ChartSet {
  /** The section's element id; charts are the `.chart` elements inside it. */
  id: string;
  series: ScenarioSeries;
  limits: LimitLine[];
  /** Label of the shaded window: a baseline has a `during` phase but injects no fault. */
  windowLabel: string;
}
