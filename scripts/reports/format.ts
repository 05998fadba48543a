// How numbers and verdicts read in the terminal, report.md, junit.xml and index.html: one place,
// so they agree.
import { PHASES, type Phase } from "../../contracts/names.ts";
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

/** An upstream amplification (attempts ÷ client requests): "1.84×". */
export function formatAmplification(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** A per-second figure: "412 tok/s" reads as "412", below 100 with one decimal ("38.5"). */
export function formatPerSecond(v: number): string {
  return v >= 100 ? String(Math.round(v)) : v.toFixed(1);
}

/** The LLM figures' column headings, in the order of llmCells. */
export const LLM_HEADERS = ["goodput", "output tok/s", "ITL p95", "amp. during"] as const;

/** The LLM figures as display strings, `–` where absent: goodput, output tokens/s, ITL p95, amplification during the fault. */
export function llmCells(f: KeyFigures): [goodput: string, tokensPerSecond: string, itlP95: string, amplificationDuring: string] {
  const during = f.amplification?.during;
  return [
    f.goodput === undefined ? dash : formatRate(f.goodput),
    f.outputTokensPerSecond === undefined ? dash : formatPerSecond(f.outputTokensPerSecond),
    f.itlP95Ms === undefined ? dash : formatMs(f.itlP95Ms),
    during === undefined ? dash : formatAmplification(during),
  ];
}

/** "goodput 92.10% · output 412 tok/s · ITL p95 38ms", the LLM figures present; undefined when none is. */
export function llmLine(f: KeyFigures): string | undefined {
  const [goodput, tokens, itl] = llmCells(f);
  const parts = [
    ...(f.goodput === undefined ? [] : [`goodput ${goodput}`]),
    ...(f.outputTokensPerSecond === undefined ? [] : [`output ${tokens} tok/s`]),
    ...(f.itlP95Ms === undefined ? [] : [`ITL p95 ${itl}`]),
  ];
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** Each phase's upstream amplification, in phase order: [["before", "1.00×"], ["during", "1.84×"]]; empty when none. */
export function amplificationCells(f: KeyFigures): [phase: Phase, ratio: string][] {
  return PHASES.flatMap((phase) => {
    const ratio = f.amplification?.[phase];
    return ratio === undefined ? [] : [[phase, formatAmplification(ratio)] as [Phase, string]];
  });
}

/** True when some scenario has an LLM figure: the reports show those figures only then (older summaries and k8s runs have none). */
export function hasLlmFigures(results: readonly ScenarioResult[]): boolean {
  return results.some(({ figures: f }) => f.goodput !== undefined || f.outputTokensPerSecond !== undefined || f.itlP95Ms !== undefined || f.amplification !== undefined);
}

/** "ai_req_failed{phase:after} rate<0.01 (observed 0.034)": one breached threshold. */
export function formatBreach(b: Breach): string {
  if (b.observed === undefined) return `${b.metric} ${b.threshold}`;
  // Four significant digits, trailing zeros of the fraction dropped: 0.0340 → "0.034", 6059.9 → "6060".
  const value = Number.isInteger(b.observed) ? String(b.observed) : String(Number(b.observed.toPrecision(4)));
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
