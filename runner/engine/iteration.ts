import { performance } from "node:perf_hooks";
import { TestAbortError, UnsupportedError } from "../errors.ts";
import { sampleTime } from "../metrics/clock.ts";
import { MetricGroup, type Tags } from "../metrics/registry.ts";
import type { ScenarioInfo } from "../vu/runtime.ts";
import { errorText } from "../vu/log.ts";
import type { VU } from "../vu/vu.ts";

/** Iteration counts the progress line and exec.instance report. */
export interface IterationStats {
  completed: number;
  interrupted: number;
}

/** Interrupts the VU's running iteration, if any (gracefulStop / gracefulRampDown ran out, or abort). */
export function interruptIteration(vu: VU): void {
  vu.iterations?.end(true);
}

/** The metrics k6 adds per iteration, in IterationRunner's group. */
const ITERATION_METRICS = ["iterations", "iteration_duration", "data_sent", "data_received"] as const;
const [ITERATIONS, DURATION, SENT, RECEIVED] = [0, 1, 2, 3];

/** Emits the bytes the VU's connections moved since its last iteration (k6 does so per iteration). */
function emitDataCounters(vu: VU, metrics: MetricGroup, tags: Tags, time: number): void {
  const conns = vu.connections;
  if (!conns) return;
  conns.takeBytes();
  const sent = conns.sentSince, received = conns.receivedSince;
  if (sent > 0) metrics.add(SENT, sent, tags, time);
  if (received > 0) metrics.add(RECEIVED, received, tags, time);
}

/**
 * Runs a VU's iterations, one at a time: each settles its promise once, when the function's
 * promise and the VU's pending timers and requests are done (k6's event-loop drain), or when it is
 * interrupted. One object per VU, reused, with its callbacks made once: an iteration costs a
 * promise and the two callbacks on the function's promise, not an async function, a race and a
 * set of closures.
 */
export class IterationRunner {
  private onEnd: (full: boolean) => void = noop;
  private failure: { err: unknown } | undefined = undefined;
  private settled = true;
  private start = 0;
  /** Counts iterations: a callback of an interrupted one that still comes is ignored. */
  private token = 0;
  private scenario: ScenarioInfo | undefined = undefined;
  private stats: IterationStats | undefined = undefined;
  private fnName: string | undefined = undefined;
  private fn: (data: unknown) => unknown = noop;
  /** Made once (not as field initializers: tsx's keepNames would wrap each in a defineProperty call). */
  readonly drained: () => void;
  private readonly onAsyncError: (err: unknown) => void;
  private readonly metrics: MetricGroup;

  constructor(private readonly vu: VU) {
    this.metrics = new MetricGroup(vu.runtime.registry, ITERATION_METRICS);
    this.drained = () => this.end(false);
    this.onAsyncError = (err) => this.fail(err);
  }

  /**
   * The VU's exported function `name`, looked up once: an esbuild bundle exports through two
   * getters, which would otherwise run on every iteration.
   */
  exported(name: string): (data: unknown) => unknown {
    if (name !== this.fnName) {
      this.fn = this.vu.exports[name] as (data: unknown) => unknown;
      this.fnName = name;
    }
    return this.fn;
  }

  /** Runs one iteration of `fn`; `onEnd(full)` hears when it ended (false: interrupted). */
  run(fn: (data: unknown) => unknown, data: unknown, scenario: ScenarioInfo, stats: IterationStats, onEnd: (full: boolean) => void): void {
    this.onEnd = onEnd;
    const token = ++this.token;
    this.vu.onAsyncError = this.onAsyncError;
    this.settled = false;
    this.failure = undefined;
    this.scenario = scenario;
    this.stats = stats;
    this.start = performance.now();
    let result: unknown;
    try {
      result = fn(data);
    } catch (err) {
      this.fail(err);
      return this.bodyDone(token);
    }
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      (result as PromiseLike<unknown>).then(() => this.bodyDone(token), (err: unknown) => {
        if (token === this.token) this.fail(err);
        this.bodyDone(token);
      });
    } else this.bodyDone(token);
  }

  private fail(err: unknown): void {
    if (!this.settled) this.failure ??= { err };
  }

  /** The function returned or its promise settled: wait for the VU's pending work, then end. */
  private bodyDone(token: number): void {
    if (token === this.token && !this.settled) this.vu.whenDrained(this);
  }

  /** Ends the iteration: `interrupted`, or done (counted, with k6's per-iteration samples). */
  end(interrupted: boolean): void {
    if (this.settled) return;
    this.settled = true;
    const vu = this.vu, rt = vu.runtime, failure = this.failure, stats = this.stats!, onEnd = this.onEnd;
    this.onEnd = noop;
    const endedAt = performance.now(), end = sampleTime(endedAt);
    // test.abort() and a refused call stop the whole test: the iteration is interrupted, not failed.
    if (interrupted || failure?.err instanceof TestAbortError || failure?.err instanceof UnsupportedError) {
      vu.cancelPending();
      emitDataCounters(vu, this.metrics, vu.currentTags(), end);
      stats.interrupted++;
      return onEnd(false);
    }
    if (failure) {
      rt.logger.error(errorText(failure.err), { executor: this.scenario!.executor, scenario: this.scenario!.name, source: "stacktrace" });
      stats.interrupted++;
    } else stats.completed++;
    const tags = vu.currentTags();
    emitDataCounters(vu, this.metrics, tags, end);
    this.metrics.add(DURATION, endedAt - this.start, tags, end);
    this.metrics.add(ITERATIONS, 1, tags, end);
    // An iteration without I/O ends in microtasks: yield so timers (the scenario clock) run.
    if (vu.heldAsync) onEnd(true);
    else setImmediate(onEnd, true);
  }
}

const noop = (): void => undefined;

/** Points `vu` at an iteration of `scenario` and returns its runner, with k6's per-VU counters bumped. */
function begin(vu: VU, scenario: ScenarioInfo): IterationRunner {
  vu.scenario = scenario;
  vu.phase = "vu";
  vu.group = "";
  vu.beginIteration(scenario);
  vu.heldAsync = false;
  return (vu.iterations ??= new IterationRunner(vu));
}

/**
 * Runs one iteration of `fnName` on `vu`: calls the function, awaits its promise, then waits for
 * the VU's pending timers and requests (k6's event loop drain). Resolves false when interrupted.
 * An exception is logged with its stack and the iteration still counts in `iterations`, as k6
 * does; `exec.test.abort()` ends it as interrupted.
 */
export function runIteration(vu: VU, scenario: ScenarioInfo, fnName: string, data: unknown, stats: IterationStats): Promise<boolean> {
  return new Promise((resolve) => {
    const runner = begin(vu, scenario);
    runner.run(runner.exported(fnName), data, scenario, stats, resolve);
  });
}

/**
 * Runs iterations of `fnName` on `vu` back to back, as runIteration does one, while `more()` says
 * so; resolves when it says no or an iteration was interrupted. One promise for the whole loop,
 * not one per iteration: the next iteration starts from a microtask, as after an `await`.
 */
export function loopIterations(vu: VU, scenario: ScenarioInfo, fnName: string, data: unknown, stats: IterationStats, more: () => boolean): Promise<void> {
  return new Promise((done) => {
    const start = (): void => {
      if (!more()) return done();
      const runner = begin(vu, scenario);
      runner.run(runner.exported(fnName), data, scenario, stats, next);
    };
    const next = (full: boolean): void => {
      if (full) queueMicrotask(start);
      else done();
    };
    start();
  });
}
