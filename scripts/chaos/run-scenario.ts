// One scenario end to end, the one way to run a scenario: `npm run chaos`, the test suites
// (tests/scenarios, tests/matrix) and bench:suite all call it. Its folder, the engine process
// under a watchdog, the verdict from exit code and summary export, the record the reports are
// written from. The engine's files are redacted once it ends: no secret of its environment stays.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioEntry } from "./catalogue.ts";
import type { Engine } from "./engine.ts";
import { RUN_FILES, startEngine } from "./spawn-engine.ts";
import { redactor } from "./redact.ts";
import type { ScenarioResult } from "./types.ts";
import { engineCrash, judge, readSummary } from "./verdict.ts";

// Enough of stderr to show the engine's last error (lines).
const STDERR_TAIL_LINES = 15;
// Enough for the engine's last error lines without reading a multi-megabyte log (bytes).
const TAIL_BYTES = 16 * 1024;
// Colour and cursor sequences (ESC [ ... final byte): noise in a report.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** One scenario run. */
export interface ScenarioRun {
  /** scenarios/<name>.ts, built as `<scriptDir>/<name>.js`. */
  name: string;
  /** Default `uncategorized` (callers outside the suite need not read the catalogue). */
  category?: ScenarioEntry["category"];
  engine: Engine;
  /** Where the built `<name>.js` is (build/local). */
  scriptDir: string;
  /** Passed to the script as BASE_URL and FAULTS_URL, after `vars`. */
  target: { baseUrl: string; faultsUrl?: string };
  /** Passed as `-e K=V`: PROFILE, profile overrides, anything the scenario reads. */
  vars: Record<string, string>;
  /** The run folder: this scenario's files go to `<outDir>/<name>/`. */
  outDir: string;
  /** Watchdog (ms): the engine is interrupted after this long, killed 30 s later. */
  timeoutMs: number;
  /** The engine's environment (default: this process's), plus K6_NO_USAGE_REPORT=true. */
  env?: NodeJS.ProcessEnv;
  /** False: only `vars` and the target reach the script's `__ENV`, not the environment (default true, as in k6). */
  systemEnv?: boolean;
}

/** A scenario whose engine is running. */
export interface RunningScenario {
  /** The engine's process id; undefined when it could not start. */
  pid: number | undefined;
  /** Forwards Ctrl-C (SIGINT) to the engine: k6 stops, runs teardown, still writes its summary. */
  interrupt(): void;
  /** SIGKILL: the engine ends without teardown or summary. */
  kill(): void;
  /** The verdict, once the engine has ended; never rejects for an engine failure (that is a verdict). */
  result: Promise<ScenarioResult>;
}

/** The last `lines` non-empty lines of `file` (at most its last 16 KiB), colour codes removed; "" when it is missing. */
export function tailLines(file: string, lines: number): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    return buf.toString("utf8").replace(ANSI, "").split("\n").map((l) => l.trimEnd()).filter((l) => l !== "").slice(-lines).join("\n");
  } finally {
    closeSync(fd);
  }
}

/** Starts `run`'s engine; its result comes when the engine ends. */
export function startScenario(run: ScenarioRun): RunningScenario {
  const dir = join(run.outDir, run.name);
  mkdirSync(dir, { recursive: true });
  const vars = { ...run.vars, BASE_URL: run.target.baseUrl, ...(run.target.faultsUrl ? { FAULTS_URL: run.target.faultsUrl } : {}) };
  // k6 phones home with usage statistics unless told not to; the Node runner ignores it.
  const env = { ...(run.env ?? process.env), K6_NO_USAGE_REPORT: "true" };
  const engine = startEngine({ engine: run.engine, script: join(run.scriptDir, `${run.name}.js`), dir, vars, env, systemEnv: run.systemEnv ?? true, timeoutMs: run.timeoutMs });
  const redact = redactor({ ...env, ...vars });
  const result = engine.done.then(async (exit): Promise<ScenarioResult> => {
    for (const file of Object.values(RUN_FILES)) if (existsSync(join(dir, file))) await redact.file(join(dir, file));
    const summary = readSummary(join(dir, RUN_FILES.summary));
    const judged = judge(exit.exitCode, exit.signal, summary);
    const crash = exit.spawnError || exit.timedOut ? undefined : engineCrash(exit, summary !== undefined);
    let reason = crash ?? judged.reason;
    if (exit.spawnError) reason = `could not start ${run.engine.command}: ${exit.spawnError}`;
    else if (exit.timedOut) reason = `stopped by the suite's watchdog after ${Math.round(run.timeoutMs / 1000)}s (${reason})`;
    const verdict = exit.timedOut || exit.spawnError || crash ? "error" : judged.verdict;
    return redact.data({
      name: run.name,
      category: run.category ?? "uncategorized",
      verdict,
      exitCode: exit.exitCode,
      reason,
      breaches: judged.breaches,
      figures: judged.figures,
      durationMs: exit.durationMs,
      ...(verdict === "error" ? { stderrTail: tailLines(join(dir, RUN_FILES.stderr), STDERR_TAIL_LINES) } : {}),
      files: Object.values(RUN_FILES).filter((f) => existsSync(join(dir, f))).map((f) => `${run.name}/${f}`),
      ...(crash ? { crashed: true } : {}),
    });
  });
  return { pid: engine.pid, interrupt: engine.interrupt, kill: engine.kill, result };
}

/** Runs `run` to its end and returns its verdict. */
export function runOneScenario(run: ScenarioRun): Promise<ScenarioResult> {
  return startScenario(run).result;
}

/** A scenario that never ran, and why. */
export function skippedResult(entry: ScenarioEntry, why: string): ScenarioResult {
  return { name: entry.name, category: entry.category, verdict: "skipped", exitCode: null, reason: `not run: ${why}`, breaches: [], figures: {}, durationMs: 0, files: [] };
}
