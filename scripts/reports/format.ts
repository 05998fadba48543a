// How numbers and verdicts read in the terminal, report.md, junit.xml and index.html: one place,
// so they agree.
import type { Breach, KeyFigures, RunRecord, ScenarioResult, Verdict } from "../chaos/types.ts";
import { INCONCLUSIVE_EXIT } from "../chaos/verdict.ts";

/** ✓ for passed, ✗ for failed and error, ? for inconclusive, – for skipped, followed by the word. */
export function verdictMark(verdict: Verdict): string {
  return { passed: "✓ passed", failed: "✗ failed", inconclusive: "? inconclusive", error: "✗ error", skipped: "– skipped" }[verdict];
}

/**
 * The run's result in one line, by its exit code, and its tone (the HTML header's class): "✓ every
 * scenario passed", "? 1 of 2 scenarios passed, 1 inconclusive", "✗ 1 of 2 scenarios passed".
 */
export function headline(run: Pick<RunRecord, "exitCode" | "scenarios">): { tone: "passed" | "inconclusive" | "failed"; text: string } {
  if (run.exitCode === 0) return { tone: "passed", text: "✓ every scenario passed" };
  const count = (v: Verdict) => run.scenarios.filter((s) => s.verdict === v).length;
  const passed = `${count("passed")} of ${run.scenarios.length} scenarios passed`;
  if (run.exitCode === INCONCLUSIVE_EXIT) return { tone: "inconclusive", text: `? ${passed}, ${count("inconclusive")} inconclusive` };
  return { tone: "failed", text: `✗ ${passed}` };
}

/** Milliseconds of wall time as "27.4s" or "3m05s". */
export function formatElapsed(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}

/** A latency in ms: "412ms", "1.84s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** A 0..1 share as a percentage: "0.00%", "3.42%". */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}

const dash = "–";

/** The key figures as display strings, `–` where absent, in table column order. */
export function figureCells(f: KeyFigures): { requests: string; errorRate: string; p95: string; ttftP95: string; recovery: string } {
  return {
    requests: f.requests === undefined ? dash : String(f.requests),
    errorRate: f.errorRate === undefined ? dash : formatRate(f.errorRate),
    p95: f.p95Ms === undefined ? dash : formatMs(f.p95Ms),
    ttftP95: f.ttftP95Ms === undefined ? dash : formatMs(f.ttftP95Ms),
    recovery: f.recoverySeconds === undefined ? dash : `${f.recoverySeconds.toFixed(1)}s`,
  };
}

/** "ai_req_failed{phase:after} rate<0.01 (observed 0.034)": one breached threshold. */
export function formatBreach(b: Breach): string {
  if (b.observed === undefined) return `${b.metric} ${b.threshold}`;
  const value = Number.isInteger(b.observed) ? String(b.observed) : b.observed.toPrecision(4).replace(/\.?0+$/, "");
  return `${b.metric} ${b.threshold} (observed ${value})`;
}

/** "2 passed, 1 failed, 1 error" (zero counts left out). */
export function tally(results: readonly ScenarioResult[]): string {
  const order = ["passed", "failed", "inconclusive", "error", "skipped"] as const;
  return order.map((v) => [v, results.filter((r) => r.verdict === v).length] as const).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(", ") || "nothing ran";
}

/** Why a run is incomplete, as the reports say it: "engine crashed in provider-outage; interrupted". */
export function incompleteReason(run: Pick<RunRecord, "stoppedBy" | "crashed">): string {
  const crashed = run.crashed ?? [];
  const parts = [...(crashed.length > 0 ? [`engine crashed in ${crashed.join(", ")}`] : []), ...(run.stoppedBy ? [run.stoppedBy] : [])];
  return parts.join("; ") || "stopped early";
}
