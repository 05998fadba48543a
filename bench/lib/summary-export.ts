// Reads what bench:suite needs from the runner's --summary-export (k6's legacy JSON): which
// thresholds were breached and the figures that say how close a level came to breaching them.
// Latencies in milliseconds, as the export gives them.

/** One level's verdict and headline figures. */
export interface LevelFigures {
  /** `metric{tags}: expression` of every breached threshold, sorted. */
  breached: string[];
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

type Metric = { thresholds?: Record<string, boolean> } & Record<string, unknown>;

/** Figures from the parsed summary export; throws a sentence when it has no metrics at all. */
export function levelFigures(summary: unknown): LevelFigures {
  const metrics = (summary as { metrics?: Record<string, Metric> } | null)?.metrics;
  if (!metrics || typeof metrics !== "object") throw new Error("the summary export has no `metrics` object: is it k6's legacy --summary-export JSON?");
  const value = (key: string, field: string): number => {
    const v = metrics[key]?.[field];
    return typeof v === "number" ? v : Number.NaN;
  };
  const breached = Object.entries(metrics)
    .flatMap(([key, m]) => Object.entries(m.thresholds ?? {}).filter(([, failed]) => failed === true).map(([expr]) => `${key}: ${expr}`))
    .sort();
  return {
    breached,
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
