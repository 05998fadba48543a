// A scenario's verdict from the engine's exit code, read with its summary export: the exit code
// decides (it is what k6 users and CI see); the export explains (which thresholds, what figures).
import { describeExit, THRESHOLDS_FAILED } from "./exit-codes.ts";
import { breachedThresholds, keyFigures, type SummaryExport } from "./summary.ts";
import type { Breach, KeyFigures, Verdict } from "./types.ts";

/** What the verdict says, before timing and files are added. */
export interface Judgement {
  verdict: Verdict;
  reason: string;
  breaches: Breach[];
  figures: KeyFigures;
}

/** Maps an engine outcome to a verdict; `summary` is undefined when no export was written. */
export function judge(exitCode: number | null, signal: string | null, summary: SummaryExport | undefined): Judgement {
  const breaches = summary ? breachedThresholds(summary) : [];
  const figures = summary ? keyFigures(summary) : {};
  if (exitCode === 0) {
    return { verdict: "passed", reason: summary ? "every threshold held" : "exit 0 (no summary export written)", breaches: [], figures };
  }
  if (exitCode === THRESHOLDS_FAILED) {
    const count = breaches.length;
    const reason = count > 0 ? `${count} threshold${count > 1 ? "s" : ""} breached` : "thresholds breached (exit 99; the summary export names none)";
    return { verdict: "failed", reason, breaches, figures };
  }
  return { verdict: "error", reason: describeExit(exitCode, signal), breaches, figures };
}
