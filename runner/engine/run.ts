import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { CliArgs } from "../cli/args.ts";
import { ExitCode, LifecycleTimeout, RunError, TestAbortError, UnsupportedError } from "../errors.ts";
import { plannedMaxVUs } from "../executors/index.ts";
import { openOutputs } from "../output/json.ts";
import { startThresholdLoop } from "../thresholds/evaluate.ts";
import { errorText } from "../vu/log.ts";
import type { Phase, VU } from "../vu/vu.ts";
import { VuPool } from "./pool.ts";
import { initVU, prepareTest } from "./prepare.ts";
import { startProgress } from "./progress.ts";
import { ScenarioRun } from "./scenario.ts";
import { TestStop, type StopReason } from "./stop.ts";
import { finishSummary } from "./summary.ts";

/** How often `vus` and `vus_max` are sampled: k6's 1 s ticker, no sample at start or end (internal/execution/scheduler.go emitVUsAndVUsMax). */
const VUS_SAMPLE_MS = 1000;
/** k6's defaults for setupTimeout, teardownTimeout and handleSummaryTimeout (internal/cmd/config.go applyDefault). */
const DEFAULT_TIMEOUT_MS = { setup: 60_000, teardown: 60_000, handleSummary: 120_000 } as const;
/** The exit code of each early stop; an abort reason wins over any later error (internal/execution/scheduler.go Run). */
const STOP_CODES: Record<StopReason, number> = {
  "script-abort": ExitCode.scriptAborted,
  "threshold-abort": ExitCode.thresholdsFailed,
  signal: ExitCode.externalAbort,
  unsupported: ExitCode.scriptException,
};

/**
 * Runs setup/teardown/handleSummary on VU 0 (`__VU` 0, group `::setup`/`::teardown`): awaits
 * the function and the VU's pending timers and requests. Rethrows its exception; past `timeoutMs`
 * (or when `interrupt` resolves first) its pending work is dropped and it rejects.
 */
async function runPart(vu: VU, phase: Exclude<Phase, "init" | "vu">, fnName: string, data: unknown, timeoutMs: number, interrupt?: Promise<void>): Promise<unknown> {
  const fn = vu.exports[fnName];
  if (typeof fn !== "function") return undefined;
  vu.phase = phase;
  vu.scenario = undefined;
  vu.group = `::${phase}`;
  let asyncError: { err: unknown } | undefined;
  vu.onAsyncError = (err) => { asyncError ??= { err }; };
  const body = (async () => {
    const result = await (fn as (d: unknown) => unknown)(data);
    await vu.drained();
    if (asyncError) throw asyncError.err;
    return result;
  })();
  body.catch(() => undefined); // settled late after a timeout: nobody listens any more
  let timer: NodeJS.Timeout | undefined;
  const limits = [
    new Promise<never>((_, reject) => {
      const code = fnName === "setup" ? ExitCode.setupTimeout : fnName === "teardown" ? ExitCode.teardownTimeout : 102; // 102: GenericTimeout
      const hint = fnName === "handleSummary" ? "handleSummaryTimeout" : `${phase}Timeout`;
      timer = setTimeout(() => reject(new LifecycleTimeout(`${fnName}() execution timed out after ${(timeoutMs / 1000).toFixed(0)} seconds; you can increase the time limit via the ${hint} option`, code)), timeoutMs);
    }),
    ...(interrupt ? [interrupt.then((): never => { throw new TestAbortError("interrupted"); })] : []),
  ];
  try {
    return await Promise.race([body, ...limits]);
  } catch (err) {
    if (err instanceof LifecycleTimeout || (interrupt && err instanceof TestAbortError && err.reason === "interrupted")) vu.cancelPending();
    throw err;
  } finally {
    clearTimeout(timer);
    vu.group = "";
  }
}

/**
 * `ai-chaos run`: prepares the test, initializes the VUs, runs setup, the scenarios (each at
 * its startTime), teardown and the summary, and returns k6's exit code for the outcome.
 */
export async function runTest(args: CliArgs, processEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const clock = { startedAt: performance.now() };
  const test = await prepareTest(args, processEnv, clock);
  const { runtime, vu0, plan, thresholds, stats, options } = test;
  const { registry, logger } = runtime;
  const stop = new TestStop();
  test.control.onAbort = (reason) => {
    logger.error(`test aborted${reason ? `: ${reason}` : ""}`, { source: "abort" });
    stop.stop("script-abort");
  };
  test.control.onUnsupported = (message) => {
    if (!stop.stopped) logger.error(`the Node runner cannot run this script faithfully, stopping the test: ${message}`, { source: "runner" });
    stop.stop("unsupported");
  };
  const outputs = openOutputs(args.outputs, registry, thresholds);

  const pool = new VuPool((id) => initVU(id, test.compiled, runtime));
  pool.prefill(plannedMaxVUs(plan));
  runtime.vusActive = () => pool.active;
  runtime.vusInitialized = () => pool.initialized;

  let setupJson: string | undefined;
  let dropped = 0;
  // bench:runner's scheduling accuracy: each arrival-rate iteration's due and actual start.
  const traceFile = processEnv.AI_CHAOS_TRACE_STARTS;
  const startTrace = traceFile ? ["scenario,k,due_ms,started_ms"] : undefined;
  const scenarios = plan.map((p) => new ScenarioRun(p.config, {
    pool, stop, stats,
    get setupJson() { return setupJson; },
    emit: (name, value, tags) => {
      if (name === "dropped_iterations") dropped += value;
      runtime.emit(name, value, tags);
    },
    runTags: runtime.runTags,
    warn: (m) => logger.warn(m),
    ...(startTrace ? { startTrace } : {}),
  }));

  clock.startedAt = performance.now();
  runtime.startedAt = clock.startedAt;
  const elapsed = () => performance.now() - clock.startedAt;
  const loop = startThresholdLoop({
    set: thresholds, registry, elapsedMs: elapsed,
    onAbort: (r) => {
      logger.error(`thresholds on metrics '${r.abortedBy?.metric ?? "?"}' were crossed; at least one has abortOnFail enabled, stopping test prematurely`);
      stop.stop("threshold-abort");
    },
  });
  const vusTimer = setInterval(() => {
    runtime.emit("vus", pool.active, runtime.runTags);
    runtime.emit("vus_max", pool.initialized, runtime.runTags);
  }, VUS_SAMPLE_MS);
  const stopProgress = args.quiet ? () => undefined : startProgress({
    startedAt: clock.startedAt, scenarios, stats,
    activeVUs: () => pool.active, maxVUs: () => pool.initialized, dropped: () => dropped,
  });
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      logger.error("Aborting k6 in response to signal, the summary is skipped");
      process.exit(ExitCode.externalAbort);
    }
    logger.warn(`Stopping the test in response to signal ${sig}...`);
    stop.stop("signal");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  // The first error of setup or teardown decides the exit code unless an abort reason does.
  let partError: number | undefined;
  const failPart = (err: unknown, source: string): void => {
    if (err instanceof TestAbortError || err instanceof UnsupportedError) return; // the stop reason decides
    partError ??= err instanceof LifecycleTimeout ? err.exitCode : ExitCode.scriptException;
    logger.error(errorText(err), err instanceof LifecycleTimeout ? { source } : { hint: "script exception", source });
  };
  // k6 interrupts setup when the run is aborted and returns before teardown when setup fails or
  // is interrupted (internal/execution/scheduler.go Run); teardown runs on the global context,
  // so an abort during the scenarios does not skip it.
  let setupDone = false;
  if (!options.noSetup) {
    try {
      setupJson = jsonCopy(await runPart(vu0, "setup", "setup", undefined, options.setupTimeout ?? DEFAULT_TIMEOUT_MS.setup, stop.whenStopped()));
      setupDone = !stop.stopped;
    } catch (err) {
      failPart(err, "setup");
    }
  } else setupDone = !stop.stopped;
  if (setupDone) {
    await Promise.all(plan.map(async (p, i) => {
      const run = scenarios[i];
      if (!run) return;
      await stop.sleep(p.config.startTime);
      if (stop.stopped) return;
      run.begin();
      await p.executor.run(p.config, run);
      run.done = true;
    }));
    if (!options.noTeardown) {
      try {
        await runPart(vu0, "teardown", "teardown", setupJson === undefined ? undefined : JSON.parse(setupJson), options.teardownTimeout ?? DEFAULT_TIMEOUT_MS.teardown);
      } catch (err) {
        failPart(err, "teardown");
      }
    }
  }
  const testRunDurationMs = elapsed();
  if (traceFile && startTrace) writeFileSync(traceFile, `${startTrace.join("\n")}\n`);
  clearInterval(vusTimer);
  stopProgress();
  stop.wakeAll();
  const verdict = loop.finish(testRunDurationMs);
  for (const f of verdict.failed) logger.error(`thresholds on metrics '${f.metric}' have been crossed: ${f.expression}`);

  vu0.phase = "teardown";
  const handleSummary = typeof vu0.exports.handleSummary === "function"
    ? (data: unknown) => runPart(vu0, "teardown", "handleSummary", data, options.handleSummaryTimeout ?? DEFAULT_TIMEOUT_MS.handleSummary) : undefined;
  await finishSummary({
    registry, thresholds, checks: runtime.checks, testRunDurationMs,
    ...(options.summaryTrendStats ? { summaryTrendStats: options.summaryTrendStats } : {}),
    ...(options.summaryTimeUnit ? { summaryTimeUnit: options.summaryTimeUnit } : {}),
    setupJson, handleSummary, summaryExport: options.summaryExport, logger,
  });
  await outputs.close();
  await Promise.all([vu0, ...pool.all].map((vu) => vu.connections?.close()));
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);

  // internal/cmd/run.go: the scheduler's error (an abort reason, else setup's or teardown's)
  // first, then exec.test.fail() (110); crossed thresholds decide only when nothing else did.
  if (stop.reason) return STOP_CODES[stop.reason];
  if (partError !== undefined) return partError;
  if (test.control.failed) return ExitCode.markedAsFailed;
  if (verdict.failed.length > 0) return ExitCode.thresholdsFailed;
  return ExitCode.ok;
}

/** setup()'s result as JSON (k6 serializes it); a non-serializable result is a script error. */
function jsonCopy(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new RunError(`setup() returned a value that can't be serialized to JSON: ${(err as Error).message}`, ExitCode.scriptException);
  }
}
