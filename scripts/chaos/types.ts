// The records `npm run chaos` passes between its modules and writes into run.json. Plain data:
// every report writer reads only these.
import type { Phase } from "../../contracts/names.ts";
import type { ScenarioEntry } from "./catalogue.ts";

/**
 * passed: exit 0 · failed: thresholds breached (exit 99) · inconclusive: exit 99 where every breach
 * is a fault that landed on nothing (`ai_fault_landed`), so the run proved nothing either way ·
 * error: any other outcome · skipped: never ran.
 */
export type Verdict = "passed" | "failed" | "inconclusive" | "error" | "skipped";

/** The figures a reader scans first; each is absent when the summary export lacks its metric. */
export interface KeyFigures {
  /** `http_reqs` count: every HTTP round trip, control-plane traffic included. */
  requests?: number;
  /** Share 0..1 of failed workload requests: `ai_req_failed`, else `http_req_failed`. */
  errorRate?: number;
  /** p95 of answers the client expected, ms: `http_req_duration{expected_response:true}`, else `http_req_duration`. */
  p95Ms?: number;
  /** p95 time to first token, ms: `ai_ttft`. */
  ttftP95Ms?: number;
  /** Longest recovery after a fault, seconds: max of `ai_recovery_seconds`. */
  recoverySeconds?: number;
  /** Share 0..1 of requests that met the TTFT, time-per-token and latency SLOs together: `ai_goodput`. */
  goodput?: number;
  /** Output tokens per second of the whole run: `ai_output_tokens`' rate (count ÷ the test's duration). */
  outputTokensPerSecond?: number;
  /** p95 of the gaps between two content events of a stream, ms: `ai_inter_token_latency`. */
  itlP95Ms?: number;
  /**
   * Upstream attempts ÷ client requests per phase (the max of `ai_upstream_amplification{phase:…}`,
   * one sample per phase); only phases whose submetric the export has (those with a threshold).
   */
  amplification?: Partial<Record<Phase, number>>;
}

/** One breached threshold, as a reader and the fragility matrix name it. */
export interface Breach {
  /** Metric key as written in `thresholds`, e.g. `ai_req_failed{phase:after}`. */
  metric: string;
  /** The expression, e.g. `rate<0.01`. */
  threshold: string;
  /** The aggregate the expression tested, when the export has it (ms for time trends). */
  observed?: number;
}

/** What one scenario's run came to. */
export interface ScenarioResult {
  name: string;
  category: ScenarioEntry["category"];
  verdict: Verdict;
  /** The engine's exit code; null when it never ran or died by a signal. */
  exitCode: number | null;
  /** One sentence: why this verdict (e.g. "exit 107: script exception"). */
  reason: string;
  breaches: Breach[];
  figures: KeyFigures;
  durationMs: number;
  /** Last lines of the engine's stderr, kept for errors only. */
  stderrTail?: string;
  /** Files written for this scenario, relative to the run folder. */
  files: string[];
  /** The engine died abnormally (verdict.ts engineCrash): its teardown did not run, so its faults may have outlived it. */
  crashed?: boolean;
}

/** The whole run, as run.json records it. */
export interface RunRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  profile: string;
  engine: string;
  target: { baseUrl: string; faultsUrl?: string; localStack: boolean; fragile: string[] };
  /** False when interrupted or stopped by an error before every scenario ran, or when an engine crashed. */
  complete: boolean;
  /** Why the run stopped early, if it did. */
  stoppedBy?: string;
  /** Scenarios whose engine crashed (the run went on with the next one), in run order. */
  crashed?: string[];
  scenarios: ScenarioResult[];
  exitCode: number;
}
