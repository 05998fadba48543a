// `npm run chaos`: preflight, then help, one scenario's plan (--inspect), or the run: build,
// target, each scenario in turn, verdict table, reports. Reports are written and the local stack
// stopped on every path out of a run, Ctrl-C included. Every line printed and every report is
// redacted (redact.ts): no secret of the environment is shown.
import { join } from "node:path";
import { totalDuration } from "../../lib/profiles.ts";
import { formatBreach, formatElapsed, incompleteReason, tally, verdictMark } from "../reports/format.ts";
import { verdictTable } from "../reports/table.ts";
import { createRunDir, writeReports } from "../reports/write.ts";
import type { ScenarioEntry } from "./catalogue.ts";
import { HELP, preflight, type Preflight } from "./command-line.ts";
import { inspectScenario, type InspectScript } from "./inspect.ts";
import { redactor, type Redactor } from "./redact.ts";
import { skippedResult, startScenario } from "./run-scenario.ts";
import { openTarget, type StartStack, type Target } from "./target.ts";
import type { RunRecord, ScenarioResult } from "./types.ts";
import { USAGE_EXIT, UsageError } from "./usage-error.ts";
import { suiteExitCode } from "./verdict.ts";

// Beyond the profile's load time, an engine gets this long (ms) for init, setup and teardown (60 s
// each at most in k6), and the graceful stop of requests still in flight, before the watchdog acts.
const WATCHDOG_MARGIN_MS = 180_000;
// A CI log that stays silent for minutes looks hung; a heartbeat every 30 s says otherwise (ms).
const HEARTBEAT_MS = 30_000;
// An error's last stderr lines in the log (the reports keep more): usually the engine's ERRO line.
const ERROR_LINES = 5;

/** Where progress lines go. */
export type Print = (line: string) => void;

/**
 * Ctrl-C for the suite: the first signal interrupts the running engine (k6 stops gracefully,
 * still writing its summary) and no further scenario starts; each later one is forwarded too
 * (k6's hard stop). Reports are then written and the stack stopped.
 */
export class RunControl {
  interrupted = false;
  private current: (() => void) | undefined;

  /** Records the interruption and forwards it to the running engine, if any. */
  interrupt(): void {
    this.interrupted = true;
    this.current?.();
  }

  /** Routes interrupts to `forward` until the returned function detaches it. */
  attach(forward: () => void): () => void {
    this.current = forward;
    return () => {
      if (this.current === forward) this.current = undefined;
    };
  }
}

/** What the suite needs from the outside world; tests pass fakes. */
export interface SuiteDeps {
  root: string;
  scenariosDir: string;
  /** Holds local/<name>.js after `build`. */
  buildDir: string;
  env: NodeJS.ProcessEnv;
  print: Print;
  /** Builds the local flavor of the named scenarios into buildDir. */
  build(names: string[]): Promise<void>;
  loadStack(): Promise<StartStack>;
  /** Reads a built script's exported `plan` (the Node runner's inspect). */
  inspect: InspectScript;
  control: RunControl;
  now?: () => Date;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs the suite for `argv` and returns the process exit code. */
export async function runChaos(argv: readonly string[], given: SuiteDeps): Promise<number> {
  const redact = redactor(given.env);
  const deps = { ...given, print: (line: string) => given.print(redact.text(line)) };
  let plan: Preflight;
  try {
    plan = await preflight(argv, { root: deps.root, scenariosDir: deps.scenariosDir, env: deps.env, warn: deps.print });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    deps.print(`error: ${err.message}\n(npm run chaos -- --help lists the flags)`);
    return USAGE_EXIT;
  }
  if (plan.mode === "help") {
    deps.print(HELP);
    return 0;
  }
  if (plan.mode === "inspect") {
    return inspectScenario(plan.entry, { PROFILE: plan.args.profile, ...plan.overrides }, { ...deps, scriptDir: join(deps.buildDir, "local") });
  }
  return runSuite(plan, deps, redact);
}

async function runSuite({ args, selected, engine, profile, overrides }: Extract<Preflight, { mode: "run" }>, deps: SuiteDeps, redact: Redactor): Promise<number> {
  const { print, control } = deps;
  // Passed on as -e flags too, so that the engine's argv alone says what ran; reports say it as "smoke (RATE=50)".
  const named = Object.entries(overrides).map(([k, v]) => `${k}=${v}`);
  const profileLabel = named.length ? `${args.profile} (${named.join(", ")})` : args.profile;
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const run = createRunDir(args.outDir, startedAt);
  print(`ai-chaos: ${selected.length} scenario(s) at profile ${profileLabel}; reports in ${run.dir}`);
  print(`engine: ${engine.label}`);
  for (const warning of redact.warnings) print(warning);

  const results: ScenarioResult[] = [];
  let target: Target | undefined;
  let stoppedBy: string | undefined;
  try {
    print(`building ${selected.length} scenario(s)…`);
    await deps.build(selected.map((s) => s.name));
    if (control.interrupted) throw new Error("interrupted");
    target = await openTarget(deps.env, args.fragile, deps.loadStack);
    print(`target: ${target.baseUrl}${target.localStack ? ` (local stack${args.fragile.length ? `, fragile: ${args.fragile.join(",")}` : ""}; faults ${target.faultsUrl})` : " (BASE_URL)"}`);
    const shared = {
      engine, scriptDir: join(deps.buildDir, "local"), outDir: run.dir, env: deps.env,
      target: { baseUrl: target.baseUrl, ...(target.faultsUrl ? { faultsUrl: target.faultsUrl } : {}) },
      vars: { PROFILE: args.profile, ...overrides },
      timeoutMs: totalDuration(profile) + WATCHDOG_MARGIN_MS,
    };
    const reset = async (t: Target) => {
      const warning = await t.reset();
      if (warning) print(warning);
    };
    let dirty = false; // a scenario ran since the last reset
    for (const [i, entry] of selected.entries()) {
      if (control.interrupted) break;
      if (dirty) await reset(target);
      const tag = `[${i + 1}/${selected.length}] ${entry.name}`;
      const stopBeat = heartbeat(print, tag, entry);
      const running = startScenario({ ...shared, name: entry.name, category: entry.category });
      const detach = control.attach(running.interrupt);
      const result = await running.result.finally(() => (detach(), stopBeat()));
      results.push(result);
      print(`${tag} ${verdictMark(result.verdict)} in ${formatElapsed(result.durationMs)}: ${result.reason}`);
      for (const b of result.breaches) print(`      ${formatBreach(b)}`);
      for (const line of result.stderrTail?.split("\n").slice(-ERROR_LINES) ?? []) print(`      | ${line}`);
      dirty = true;
      // An engine that errored may have skipped its teardown (crash, watchdog kill, second Ctrl-C):
      // its faults go now, not when the next scenario starts. The run goes on after a crash.
      if (result.verdict !== "error") continue;
      await reset(target);
      dirty = false;
      if (result.crashed) print(`      ${target.localStack ? "faults on the local stack cleared" : "its faults end when their leases do"}; going on`);
    }
  } catch (err) {
    stoppedBy = control.interrupted ? "interrupted" : message(err);
    print(`error: ${stoppedBy}`);
  } finally {
    if (target) await target.stop().catch((err: unknown) => print(`warning: stopping the local stack failed: ${message(err)}`));
  }
  if (control.interrupted) stoppedBy = "interrupted";
  for (const entry of selected.slice(results.length)) results.push(skippedResult(entry, stoppedBy ?? "interrupted"));

  const crashed = results.filter((r) => r.crashed).map((r) => r.name);
  const complete = stoppedBy === undefined && crashed.length === 0;
  const exitCode = suiteExitCode(results, { interrupted: control.interrupted, complete });
  const record: RunRecord = {
    id: run.id, startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), profile: profileLabel, engine: engine.label,
    target: { baseUrl: target?.baseUrl ?? deps.env.BASE_URL ?? "(local stack, not started)", localStack: target?.localStack ?? !deps.env.BASE_URL, fragile: args.fragile, ...(target?.faultsUrl ? { faultsUrl: target.faultsUrl } : {}) },
    complete, ...(stoppedBy ? { stoppedBy } : {}), ...(crashed.length > 0 ? { crashed } : {}), scenarios: results, exitCode,
  };
  print("");
  print(verdictTable(results));
  const written = writeReports(run.dir, redact.data(record));
  print(`\n${tally(results)}${complete ? "" : ` (incomplete run: ${incompleteReason(record)})`}; exit ${exitCode}`);
  print(`reports: ${written.join(", ")}`);
  return exitCode;
}

/** Prints the start line, then a heartbeat (soak runs last an hour) until the returned function stops it. */
function heartbeat(print: Print, tag: string, entry: ScenarioEntry): () => void {
  const started = performance.now();
  print(`${tag} (${entry.category}) running…`);
  const timer = setInterval(() => print(`${tag} still running, ${formatElapsed(performance.now() - started)}`), HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
