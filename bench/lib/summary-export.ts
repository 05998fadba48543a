// Reads the figures bench:suite reports from the runner's --summary-export (k6's legacy JSON),
// which say how close a level came to breaching its thresholds. Which thresholds were breached is
// the one runner's verdict (scripts/chaos/verdict.ts). Latencies in milliseconds, as the export
// gives them.

/** One level's headline figures. */
export interface LevelFigures {
  requests: number;
  /** Requests per second over the whole run. */
  rps: number;
  /** p95 of the whole streamed request (http_req_duration{kind:chat_stream}), ms. */
  durationP95: number;
  /** p95 time to first token (ai_ttft), ms. */
  ttftP95: number;
  /** p95 time per output token (ai_time_per_output_token), ms. */
  tpotP95: number;
  /** Share of workload requests that failed (ai_req_failed). */
  failedRate: number;
  dropped: number;
  /** The most VUs allocated at once (arrival-rate VUs count while allocated, busy or not). */
  vusMax: number;
}

type Metric = Record<string, unknown>;

/** Figures from the parsed summary export; throws a sentence when it has no metrics at all. */
export function levelFigures(summary: unknown): LevelFigures {
  const metrics = (summary as { metrics?: Record<string, Metric> } | null)?.metrics;
  if (!metrics || typeof metrics !== "object") throw new Error("the summary export has no `metrics` object: is it k6's legacy --summary-export JSON?");
  const value = (key: string, field: string): number => {
    const v = metrics[key]?.[field];
    return typeof v === "number" ? v : Number.NaN;
  };
  return {
    requests: value("http_reqs", "count"),
    rps: value("http_reqs", "rate"),
    durationP95: value("http_req_duration{kind:chat_stream}", "p(95)"),
    ttftP95: value("ai_ttft", "p(95)"),
    tpotP95: value("ai_time_per_output_token", "p(95)"),
    failedRate: value("ai_req_failed", "value"),
    dropped: value("dropped_iterations", "count"),
    vusMax: value("vus", "max"),
  };
}
