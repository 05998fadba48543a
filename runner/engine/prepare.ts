import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { CliArgs } from "../cli/args.ts";
import { bundleScript, CompiledScript } from "./bundle.ts";
import { ConfigError, ExitCode, RunError, TestAbortError, UnsupportedError, UsageError } from "../errors.ts";
import { planScenarios, type PlannedScenario } from "../executors/index.ts";
import { CheckTracker } from "../metrics/checks.ts";
import { MetricRegistry } from "../metrics/registry.ts";
import { validateTrendStats } from "../metrics/values.ts";
import { applyTier, deriveScenarios } from "../options/consolidate.ts";
import { envTier } from "../options/env.ts";
import { scriptTier } from "../options/script.ts";
import type { OptionTier } from "../options/types.ts";
import { parseThresholds, ThresholdConfigError, type ThresholdSet } from "../thresholds/index.ts";
import { DEFAULT_USER_AGENT } from "../modules/http/request.ts";
import { createVU } from "../vu/vu.ts";
import type { Runtime } from "../vu/runtime.ts";
import { errorText, Logger, setStackMapper } from "../vu/log.ts";
import type { VU } from "../vu/vu.ts";
import type { IterationStats } from "./iteration.ts";

/** A test ready to run: script compiled, options consolidated and validated, VU 0 initialized. */
export interface PreparedTest {
  compiled: CompiledScript;
  runtime: Runtime;
  /** The options-and-lifecycle VU (`__VU` 0): setup, teardown, handleSummary. */
  vu0: VU;
  options: OptionTier;
  plan: PlannedScenario[];
  thresholds: ThresholdSet;
  /** Set by the runtime's abort/markFailed/unsupported hooks. */
  control: { onAbort: (reason: string) => void; onUnsupported: (message: string) => void; failed: boolean };
  stats: IterationStats;
}

/** Runs a VU's init code; an exception is a script error (107), exec.test.abort() is 108. */
export function initVU(id: number, compiled: CompiledScript, runtime: Runtime): VU {
  try {
    const vu = createVU(id, compiled, runtime);
    vu.phase = "vu";
    return vu;
  } catch (err) {
    if (err instanceof TestAbortError) throw new RunError(err.message, ExitCode.scriptAborted);
    throw new RunError(errorText(err), ExitCode.scriptException);
  }
}

function systemEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A script evaluated once: compiled, its runtime made, VU 0's init run (k6's options VU). */
export interface LoadedScript {
  compiled: CompiledScript;
  runtime: Runtime;
  vu0: VU;
  control: PreparedTest["control"];
  stats: IterationStats;
}

/**
 * Bundles and compiles `script` and runs its init once as VU 0, with `__ENV` = the system env
 * (when `includeSystemEnv`) plus `env`. A missing file is a usage error, an init exception 107.
 */
export async function loadScript(
  script: string | undefined,
  env: { vars: Record<string, string>; includeSystemEnv: boolean; processEnv: NodeJS.ProcessEnv },
  clock: { startedAt: number },
): Promise<LoadedScript> {
  const scriptPath = resolve(script ?? "");
  if (!existsSync(scriptPath)) throw new UsageError(`The moduleSpecifier "${script}" couldn't be found on local disk`);
  const bundle = await bundleScript(scriptPath);
  const compiled = new CompiledScript(bundle.code, scriptPath, bundle.map);
  setStackMapper((stack) => compiled.mapStack(stack));
  const logger = new Logger(() => clock.startedAt);
  const registry = new MetricRegistry();
  const checks = new CheckTracker(registry);
  const control: PreparedTest["control"] = { onAbort: () => undefined, onUnsupported: () => undefined, failed: false };
  const stats: IterationStats = { completed: 0, interrupted: 0 };
  const runtime: Runtime = {
    registry, checks, logger, options: {}, runTags: {},
    env: { ...(env.includeSystemEnv ? systemEnv(env.processEnv) : {}), ...env.vars },
    scriptDir: dirname(scriptPath),
    discardResponseBodies: false,
    maxRedirects: 10,
    startedAt: performance.now(),
    abort: (reason) => control.onAbort(reason),
    unsupported: (message) => {
      control.onUnsupported(message);
      throw new UnsupportedError(message);
    },
    userAgent: DEFAULT_USER_AGENT,
    markFailed: (reason) => {
      if (!control.failed) logger.error(`test marked as failed${reason ? `: ${reason}` : ""}`);
      control.failed = true;
    },
    vusActive: () => 0, vusInitialized: () => 0,
    iterationsCompleted: () => stats.completed, iterationsInterrupted: () => stats.interrupted,
    emit: (name, value, tags, time) => {
      if (!Number.isNaN(value)) registry.add(name, value, tags, time);
    },
  };
  return { compiled, runtime, vu0: initVU(0, compiled, runtime), control, stats };
}

/**
 * Everything k6 does before load starts: bundle, the options init (VU 0), consolidation
 * (script < K6_* env < flags), scenario and threshold validation (ConfigError → 104).
 */
export async function prepareTest(args: CliArgs, processEnv: NodeJS.ProcessEnv, clock: { startedAt: number }): Promise<PreparedTest> {
  const { compiled, runtime, vu0, control, stats } = await loadScript(args.script, { vars: args.env, includeSystemEnv: args.includeSystemEnv, processEnv }, clock);
  const { registry, logger } = runtime;
  const warn = (msg: string) => logger.warn(msg);
  let options: OptionTier;
  let plan: PlannedScenario[];
  let thresholds: ThresholdSet;
  try {
    options = applyTier(applyTier(scriptTier(vu0.exports.options, warn), envTier(processEnv)), args.tier);
    if (options.summaryTrendStats) validateTrendStats(options.summaryTrendStats);
    plan = planScenarios(deriveScenarios(options, warn));
    for (const p of plan) {
      if (typeof vu0.exports[p.config.exec] !== "function") throw new ConfigError(`executor ${p.config.name}: function '${p.config.exec}' not found in exports`);
    }
    thresholds = parseThresholds(options.thresholds, registry, { noThresholds: options.noThresholds ?? false });
  } catch (err) {
    if (err instanceof RunError) throw err;
    if (err instanceof ThresholdConfigError) throw new ConfigError(err.message);
    throw new ConfigError((err as Error).message);
  }
  for (const w of thresholds.warnings) warn(w);
  runtime.runTags = options.tags ?? {};
  runtime.discardResponseBodies = options.discardResponseBodies ?? false;
  runtime.maxRedirects = options.maxRedirects ?? 10;
  runtime.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  runtime.options = {
    ...(vu0.exports.options as object | undefined),
    scenarios: Object.fromEntries(plan.map((p) => [p.config.name, p.config])),
    // A copy, as k6's is: the live run tags (whose identity VUs cache on) stay unchanged.
    tags: { ...runtime.runTags },
  };
  return { compiled, runtime, vu0, options, plan, thresholds, control, stats };
}
