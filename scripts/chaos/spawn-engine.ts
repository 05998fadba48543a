// Runs one scenario in its own engine process: `<engine> run <script> -e K=V... --summary-export
// ... --out json=... -q`, stdout and stderr straight into files, under a watchdog. The child
// leads its own process group so that Ctrl-C reaches it exactly once, from us (a second one is
// k6's hard stop).
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import type { Engine } from "./engine.ts";

// After the watchdog's SIGINT, the engine gets this long (ms) for teardown and its summary.
const KILL_GRACE_MS = 30_000;

/** What to run and where its files go. */
export interface EngineRun {
  engine: Engine;
  script: string;
  /** The scenario's report folder: summary.json, metrics.json, stdout.txt, stderr.txt. */
  dir: string;
  /** Passed as `-e K=V` (k6 gives these precedence over the process environment). */
  vars: Record<string, string>;
  env: NodeJS.ProcessEnv;
  /** False: only `vars` reach the script's `__ENV` (k6's `--include-system-env-vars=false`). */
  systemEnv: boolean;
  /** Watchdog (ms): SIGINT after this long, SIGKILL KILL_GRACE_MS later. */
  timeoutMs: number;
}

/** How the engine process ended. */
export interface EngineExit {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  /** Signals the suite sent the engine's group (Ctrl-C forwarded, watchdog, kill()), in order. */
  signalsSent: string[];
  /** Why the process could not start (ENOENT, EACCES...), if it could not. */
  spawnError?: string;
}

/** A running engine. */
export interface EngineProcess {
  /** The engine's process id (its group's too); undefined when it could not start. */
  pid: number | undefined;
  done: Promise<EngineExit>;
  /** Forwards one SIGINT per call, as Ctrl-C would. */
  interrupt(): void;
  /** SIGKILL: no teardown, no summary (tests of what a dead engine leaves behind). */
  kill(): void;
}

/** The files an engine run writes, relative to its folder. */
export const RUN_FILES = { summary: "summary.json", metrics: "metrics.json", stdout: "stdout.txt", stderr: "stderr.txt" } as const;

/** The engine's argv after its prefix: k6 run's flags, which the Node runner shares. */
export function engineArgs(run: Pick<EngineRun, "script" | "dir" | "vars" | "systemEnv">): string[] {
  const vars = Object.entries(run.vars).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const systemEnv = run.systemEnv ? [] : ["--include-system-env-vars=false"];
  return ["run", run.script, ...systemEnv, ...vars, "--summary-export", join(run.dir, RUN_FILES.summary), "--out", `json=${join(run.dir, RUN_FILES.metrics)}`, "-q"];
}

/** Starts the engine. */
export function startEngine(run: EngineRun): EngineProcess {
  const started = performance.now();
  const out = openSync(join(run.dir, RUN_FILES.stdout), "w");
  const err = openSync(join(run.dir, RUN_FILES.stderr), "w");
  const child = spawn(run.engine.command, [...run.engine.prefix, ...engineArgs(run)], { stdio: ["ignore", out, err], env: run.env, detached: true });
  closeSync(out);
  closeSync(err);
  let running = true;
  let timedOut = false;
  const signalsSent: string[] = [];
  const signalGroup = (sig: NodeJS.Signals) => {
    if (!running || child.pid === undefined) return;
    signalsSent.push(sig);
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signalGroup("SIGKILL");
  process.once("exit", killOnExit);
  let killTimer: NodeJS.Timeout | undefined;
  const watchdog = setTimeout(() => {
    timedOut = true;
    signalGroup("SIGINT");
    killTimer = setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS);
  }, run.timeoutMs);
  const done = new Promise<EngineExit>((resolve) => {
    const finish = (exitCode: number | null, signal: string | null, spawnError?: string) => {
      if (!running) return;
      running = false;
      clearTimeout(watchdog);
      clearTimeout(killTimer);
      process.removeListener("exit", killOnExit);
      const exit: EngineExit = { exitCode, signal, durationMs: performance.now() - started, timedOut, signalsSent };
      resolve(spawnError === undefined ? exit : { ...exit, spawnError });
    };
    // Emitted instead of "exit" when the process could not start at all.
    child.once("error", (e) => finish(null, null, e.message));
    child.once("exit", (code, signal) => finish(code, signal));
  });
  return { pid: child.pid, done, interrupt: () => signalGroup("SIGINT"), kill: () => signalGroup("SIGKILL") };
}
