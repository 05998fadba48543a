// The suite's exit code, chosen as a CI user reads it: 0 green; 99 (k6's own "thresholds
// breached") when the service was judged and fell short; 1 when something could not be judged.
import { EXTERNAL_ABORT, THRESHOLDS_FAILED } from "./exit-codes.ts";
import type { RunRecord, ScenarioResult } from "./types.ts";

/**
 * 105 when interrupted; 1 when the run stopped early or any scenario errored; 99 when every
 * scenario that did not pass failed on thresholds; 0 when every scenario passed.
 */
export function suiteExitCode(results: readonly ScenarioResult[], opts: { interrupted: boolean; complete: boolean }): number {
  if (opts.interrupted) return EXTERNAL_ABORT;
  if (!opts.complete || results.length === 0) return 1;
  if (results.some((r) => r.verdict === "error" || r.verdict === "skipped")) return 1;
  if (results.some((r) => r.verdict === "failed")) return THRESHOLDS_FAILED;
  return 0;
}

/** "2 passed, 1 failed, 1 error" (zero counts left out). */
export function tally(results: readonly ScenarioResult[]): string {
  const order = ["passed", "failed", "error", "skipped"] as const;
  return order.map((v) => [v, results.filter((r) => r.verdict === v).length] as const).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(", ") || "nothing ran";
}

/** Why a run is incomplete, as the reports say it: "engine crashed in provider-outage; interrupted". */
export function incompleteReason(run: Pick<RunRecord, "stoppedBy" | "crashed">): string {
  const crashed = run.crashed ?? [];
  const parts = [...(crashed.length > 0 ? [`engine crashed in ${crashed.join(", ")}`] : []), ...(run.stoppedBy ? [run.stoppedBy] : [])];
  return parts.join("; ") || "stopped early";
}
