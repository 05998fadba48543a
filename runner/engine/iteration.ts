import { performance } from "node:perf_hooks";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { TestAbortError, UnsupportedError } from "../errors.ts";
import type { ScenarioInfo } from "../vu/runtime.ts";
import { errorText } from "../vu/log.ts";
import type { VU } from "../vu/vu.ts";

/** Iteration counts the progress line and exec.instance report. */
export interface IterationStats {
  completed: number;
  interrupted: number;
}

const kInterrupt = Symbol("k6.interrupt");
type Interruptible = VU & { [kInterrupt]?: () => void };

/** Interrupts the VU's running iteration, if any (gracefulStop / gracefulRampDown ran out, or abort). */
export function interruptIteration(vu: VU): void {
  (vu as Interruptible)[kInterrupt]?.();
}

/** Emits the bytes the VU's connections moved since its last iteration (k6 does so per iteration). */
export function emitDataCounters(vu: VU, time: number): void {
  if (!vu.connections) return;
  const { sent, received } = vu.connections.takeBytes();
  const tags = vu.currentTags();
  if (sent > 0) vu.runtime.emit("data_sent", sent, tags, time);
  if (received > 0) vu.runtime.emit("data_received", received, tags, time);
}

/**
 * Runs one iteration of `fnName` on `vu`: awaits the function's promise, then waits for the
 * VU's pending timers and requests (k6's event loop drain). Returns false when interrupted.
 * An exception is logged with its stack and the iteration still counts in `iterations`,
 * as k6 does; `exec.test.abort()` ends it as interrupted.
 */
export async function runIteration(vu: VU, scenario: ScenarioInfo, fnName: string, data: unknown, stats: IterationStats): Promise<boolean> {
  const rt = vu.runtime;
  const fn = vu.exports[fnName] as (data: unknown) => unknown;
  vu.scenario = scenario;
  vu.phase = "vu";
  vu.group = "";
  vu.beginIteration(scenario);
  vu.heldAsync = false;
  let failure: { err: unknown } | undefined;
  vu.onAsyncError = (err) => { failure ??= { err }; };
  const start = performance.now();
  const interrupted = new Promise<"interrupted">((resolve) => {
    (vu as Interruptible)[kInterrupt] = () => resolve("interrupted");
  });
  const body = (async () => {
    try {
      await fn(data);
    } catch (err) {
      failure ??= { err };
    }
    await vu.drained();
    return "done" as const;
  })();
  const outcome = await Promise.race([body, interrupted]);
  (vu as Interruptible)[kInterrupt] = undefined;
  const end = Date.now();
  // test.abort() and a refused call stop the whole test: the iteration is interrupted, not failed.
  if (outcome === "interrupted" || failure?.err instanceof TestAbortError || failure?.err instanceof UnsupportedError) {
    vu.cancelPending();
    emitDataCounters(vu, end);
    stats.interrupted++;
    return false;
  }
  if (failure) {
    rt.logger.error(errorText(failure.err), { executor: scenario.executor, scenario: scenario.name, source: "stacktrace" });
    stats.interrupted++;
  } else stats.completed++;
  emitDataCounters(vu, end);
  const tags = vu.currentTags();
  rt.emit("iteration_duration", performance.now() - start, tags, end);
  rt.emit("iterations", 1, tags, end);
  // An iteration without I/O resolves in microtasks: yield so timers (the scenario clock) run.
  if (!vu.heldAsync) await yieldToLoop();
  return true;
}
