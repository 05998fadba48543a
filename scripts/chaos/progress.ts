// One line when a scenario starts, a heartbeat while it runs (soak runs last an hour), one line
// when it ends: enough for a CI log to show where a long run is.
import { formatBreach, formatElapsed, verdictMark } from "../reports/format.ts";
import type { ScenarioEntry, ScenarioResult } from "./types.ts";

/** Where progress lines go. */
export type Print = (line: string) => void;

// A CI log that stays silent for minutes looks hung; every 30 s says otherwise.
const HEARTBEAT_MS = 30_000;

/** Prints the start line and heartbeats until the returned stop function is called. */
export function scenarioStarted(print: Print, entry: ScenarioEntry, index: number, total: number, heartbeatMs = HEARTBEAT_MS): () => void {
  const tag = `[${index}/${total}] ${entry.name}`;
  const started = performance.now();
  print(`${tag} (${entry.category}) running…`);
  const timer = setInterval(() => print(`${tag} still running, ${formatElapsed(performance.now() - started)}`), heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

// An error's last stderr lines in the log (the reports keep more): usually the engine's ERRO line.
const ERROR_LINES = 5;

/** "[2/14] provider-errors ✗ failed in 27.4s: 1 threshold breached", then each breach or an error's stderr tail. */
export function scenarioFinished(print: Print, result: ScenarioResult, index: number, total: number): void {
  print(`[${index}/${total}] ${result.name} ${verdictMark(result.verdict)} in ${formatElapsed(result.durationMs)}: ${result.reason}`);
  for (const b of result.breaches) print(`      ${formatBreach(b)}`);
  for (const line of result.stderrTail?.split("\n").slice(-ERROR_LINES) ?? []) print(`      | ${line}`);
}
