// One scenario end to end: its folder, the engine process, the verdict from exit code and
// summary export, and the record the reports are written from.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RunControl } from "./control.ts";
import { engineCrash } from "./crash.ts";
import type { Engine } from "./engine.ts";
import { RUN_FILES, startEngine } from "./spawn-engine.ts";
import { readSummary } from "./summary.ts";
import { tailLines } from "./tail.ts";
import type { ScenarioEntry, ScenarioResult } from "./types.ts";
import { judge } from "./verdict.ts";

// Enough of stderr to show the engine's last error (lines).
const STDERR_TAIL_LINES = 15;

/** What every scenario of a run shares. */
export interface ScenarioRunContext {
  engine: Engine;
  /** build/local: where <name>.js is. */
  scriptDir: string;
  runDir: string;
  vars: Record<string, string>;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  control: RunControl;
}

/** Runs `entry` and returns its result; never throws for an engine failure (that is a verdict). */
export async function runScenario(entry: ScenarioEntry, ctx: ScenarioRunContext): Promise<ScenarioResult> {
  const dir = join(ctx.runDir, entry.name);
  mkdirSync(dir, { recursive: true });
  const engine = startEngine({ engine: ctx.engine, script: join(ctx.scriptDir, `${entry.name}.js`), dir, vars: ctx.vars, env: ctx.env, timeoutMs: ctx.timeoutMs });
  const detach = ctx.control.attach(engine.interrupt);
  const exit = await engine.done.finally(detach);
  const summary = readSummary(join(dir, RUN_FILES.summary));
  const judged = judge(exit.exitCode, exit.signal, summary);
  const crash = exit.spawnError || exit.timedOut ? undefined : engineCrash(exit, summary !== undefined);
  let reason = crash ?? judged.reason;
  if (exit.spawnError) reason = `could not start ${ctx.engine.command}: ${exit.spawnError}`;
  else if (exit.timedOut) reason = `stopped by the suite's watchdog after ${Math.round(ctx.timeoutMs / 1000)}s (${reason})`;
  const result: ScenarioResult = {
    name: entry.name,
    category: entry.category,
    verdict: exit.timedOut || exit.spawnError || crash ? "error" : judged.verdict,
    exitCode: exit.exitCode,
    reason,
    breaches: judged.breaches,
    figures: judged.figures,
    durationMs: exit.durationMs,
    files: Object.values(RUN_FILES).filter((f) => existsSync(join(dir, f))).map((f) => `${entry.name}/${f}`),
    ...(crash ? { crashed: true } : {}),
  };
  if (result.verdict === "error") result.stderrTail = tailLines(join(dir, RUN_FILES.stderr), STDERR_TAIL_LINES);
  return result;
}

/** A scenario that never ran, and why. */
export function skippedResult(entry: ScenarioEntry, why: string): ScenarioResult {
  return { name: entry.name, category: entry.category, verdict: "skipped", exitCode: null, reason: `not run: ${why}`, breaches: [], figures: {}, durationMs: 0, files: [] };
}
