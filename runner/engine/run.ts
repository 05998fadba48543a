import { performance } from "node:perf_hooks";
import type { CliArgs } from "../cli/args.ts";
import { ExitCode, RunError, TestAbortError } from "../errors.ts";
import { plannedMaxVUs } from "../executors/index.ts";
import { startThresholdLoop } from "../thresholds/loop.ts";
import { errorText } from "../vu/stack.ts";
import { runLifecycle } from "./lifecycle.ts";
import { openOutputs } from "./outputs.ts";
import { VuPool } from "./pool.ts";
import { initVU, prepareTest } from "./prepare.ts";
import { startProgress } from "./progress.ts";
import { ScenarioRun } from "./scenario.ts";
import { TestStop } from "./stop.ts";
import { finishSummary } from "./summary.ts";

/** How often `vus` and `vus_max` are sampled (k6: once a second). */
const VUS_SAMPLE_MS = 1000;

/**
 * `ai-chaos run`: prepares the test, initializes the VUs, runs setup, the scenarios (each at
 * its startTime), teardown and the summary, and returns k6's exit code for the outcome.
 */
export async function runTest(args: CliArgs, processEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const clock = { startedAt: performance.now() };
  const test = await prepareTest(args, processEnv, clock);
  const { runtime, vu0, plan, thresholds, stats } = test;
  const { registry, logger } = runtime;
  const stop = new TestStop();
  test.control.onAbort = (reason) => {
    logger.error(`test aborted${reason ? `: ${reason}` : ""}`, { source: "abort" });
    stop.stop("script-abort");
  };
  const outputs = openOutputs(args.outputs, registry, thresholds);

  const pool = new VuPool((id) => initVU(id, test.compiled, runtime));
  pool.prefill(plannedMaxVUs(plan));
  runtime.vusActive = () => pool.active;
  runtime.vusInitialized = () => pool.initialized;

  let setupJson: string | undefined;
  let dropped = 0;
  const scenarios = plan.map((p) => new ScenarioRun(p.config, {
    pool, stop, stats,
    get setupJson() { return setupJson; },
    emit: (name, value, tags) => {
      if (name === "dropped_iterations") dropped += value;
      runtime.emit(name, value, tags);
    },
    runTags: runtime.runTags,
    warn: (m) => logger.warn(m),
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
  const sampleVUs = () => {
    runtime.emit("vus", pool.active, runtime.runTags);
    runtime.emit("vus_max", pool.initialized, runtime.runTags);
  };
  sampleVUs();
  const vusTimer = setInterval(sampleVUs, VUS_SAMPLE_MS);
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

  let scriptError = false;
  let setupFailed = false;
  try {
    setupJson = jsonCopy(await runLifecycle(vu0, "setup", "setup", undefined));
  } catch (err) {
    setupFailed = !(err instanceof TestAbortError);
    if (setupFailed) {
      scriptError = true;
      logger.error(errorText(err), { hint: "script exception", source: "setup" });
    }
  }
  if (!setupFailed && !stop.stopped) {
    await Promise.all(plan.map(async (p, i) => {
      const run = scenarios[i];
      if (!run) return;
      await stop.sleep(p.config.startTime);
      if (stop.stopped) return;
      run.begin();
      await p.executor.run(p.config, run);
      run.done = true;
    }));
  }
  if (!setupFailed && typeof vu0.exports.teardown === "function") {
    try {
      await runLifecycle(vu0, "teardown", "teardown", setupJson === undefined ? undefined : JSON.parse(setupJson));
    } catch (err) {
      if (!(err instanceof TestAbortError)) {
        scriptError = true;
        logger.error(errorText(err), { hint: "script exception", source: "teardown" });
      }
    }
  }
  const testRunDurationMs = elapsed();
  clearInterval(vusTimer);
  sampleVUs();
  stopProgress();
  stop.wakeAll();
  const verdict = loop.finish(testRunDurationMs);
  for (const f of verdict.failed) logger.error(`thresholds on metrics '${f.metric}' have been crossed: ${f.expression}`);

  vu0.phase = "teardown";
  const handleSummary = typeof vu0.exports.handleSummary === "function"
    ? (data: unknown) => runLifecycle(vu0, "teardown", "handleSummary", data) : undefined;
  await finishSummary({
    registry, thresholds, checks: runtime.checks, testRunDurationMs,
    ...(test.options.summaryTrendStats ? { summaryTrendStats: test.options.summaryTrendStats } : {}),
    ...(test.options.summaryTimeUnit ? { summaryTimeUnit: test.options.summaryTimeUnit } : {}),
    setupJson, handleSummary, summaryExport: test.options.summaryExport, logger,
  });
  await outputs.close();
  await Promise.all([vu0, ...pool.all].map((vu) => vu.connections?.close()));
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);

  if (stop.reason === "script-abort") return ExitCode.scriptAborted;
  if (stop.reason === "threshold-abort") return ExitCode.thresholdsFailed;
  if (stop.reason === "signal") return ExitCode.externalAbort;
  if (scriptError) return ExitCode.scriptException;
  if (verdict.failed.length > 0) return ExitCode.thresholdsFailed;
  if (test.control.failed) return ExitCode.markedAsFailed;
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
