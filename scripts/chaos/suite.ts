// `npm run chaos`: preflight, build, target, each scenario in turn, verdict table, reports.
// Reports are written and the local stack stopped on every path out, Ctrl-C included.
import { join } from "node:path";
import { totalDuration } from "../../lib/profiles.ts";
import { verdictTable } from "../reports/table.ts";
import { writeReports } from "../reports/write.ts";
import type { RunControl } from "./control.ts";
import { HELP } from "./help.ts";
import { incompleteReason, suiteExitCode, tally } from "./outcome.ts";
import { preflight } from "./preflight.ts";
import { scenarioFinished, scenarioStarted, type Print } from "./progress.ts";
import { createRunDir } from "./run-dir.ts";
import { runScenario, skippedResult } from "./run-scenario.ts";
import { openTarget, type StartStack, type Target } from "./target.ts";
import type { RunRecord, ScenarioResult } from "./types.ts";
import { USAGE_EXIT, UsageError } from "./usage-error.ts";

// Beyond the profile's load time, an engine gets this long (ms) for init, setup and teardown (60 s
// each at most in k6), and the graceful stop of requests still in flight, before the watchdog acts.
const WATCHDOG_MARGIN_MS = 180_000;

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
  control: RunControl;
  now?: () => Date;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs the suite for `argv` and returns the process exit code. */
export async function runChaos(argv: readonly string[], deps: SuiteDeps): Promise<number> {
  const { print, control } = deps;
  let plan;
  try {
    plan = await preflight(argv, { root: deps.root, scenariosDir: deps.scenariosDir, env: deps.env, warn: print });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    print(`error: ${err.message}\n(npm run chaos -- --help lists the flags)`);
    return USAGE_EXIT;
  }
  if (!plan) {
    print(HELP);
    return 0;
  }
  const { args, selected, engine, profile, overrides } = plan;
  // Passed on as -e flags too, so that the engine's argv alone says what ran; reports say it as "smoke (RATE=50)".
  const named = Object.entries(overrides).map(([k, v]) => `${k}=${v}`);
  const profileLabel = named.length ? `${args.profile} (${named.join(", ")})` : args.profile;
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const run = createRunDir(args.outDir, startedAt);
  print(`ai-chaos: ${selected.length} scenario(s) at profile ${profileLabel}; reports in ${run.dir}`);
  print(`engine: ${engine.label}`);

  const results: ScenarioResult[] = [];
  let target: Target | undefined;
  let stoppedBy: string | undefined;
  try {
    print(`building ${selected.length} scenario(s)…`);
    await deps.build(selected.map((s) => s.name));
    if (control.interrupted) throw new Error("interrupted");
    target = await openTarget(deps.env, args.fragile, deps.loadStack);
    print(`target: ${target.baseUrl}${target.localStack ? ` (local stack${args.fragile.length ? `, fragile: ${args.fragile.join(",")}` : ""}; faults ${target.faultsUrl})` : " (BASE_URL)"}`);
    const vars: Record<string, string> = { PROFILE: args.profile, ...overrides, BASE_URL: target.baseUrl, ...(target.faultsUrl ? { FAULTS_URL: target.faultsUrl } : {}) };
    const ctx = {
      engine, vars, control, runDir: run.dir, scriptDir: join(deps.buildDir, "local"),
      env: { ...deps.env, K6_NO_USAGE_REPORT: "true" },
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
      const stopBeat = scenarioStarted(print, entry, i + 1, selected.length);
      const result = await runScenario(entry, ctx).finally(stopBeat);
      results.push(result);
      scenarioFinished(print, result, i + 1, selected.length);
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
  const written = writeReports(run.dir, record);
  print(`\n${tally(results)}${complete ? "" : ` (incomplete run: ${incompleteReason(record)})`}; exit ${exitCode}`);
  print(`reports: ${written.join(", ")}`);
  return exitCode;
}
