import { performance } from "node:perf_hooks";
import { TestAbortError, UnsupportedError } from "../errors.ts";
import type { Entry, MetricRegistry } from "../metrics/registry.ts";
import type { ScenarioInfo } from "../vu/runtime.ts";
import { errorText } from "../vu/log.ts";
import type { VU } from "../vu/vu.ts";

/** Iteration counts the progress line and exec.instance report. */
export interface IterationStats {
  completed: number;
  interrupted: number;
}

const kIteration = Symbol("k6.iteration");
type WithIteration = VU & { [kIteration]?: Iteration };

/** Interrupts the VU's running iteration, if any (gracefulStop / gracefulRampDown ran out, or abort). */
export function interruptIteration(vu: VU): void {
  (vu as WithIteration)[kIteration]?.end(true);
}

const entries = new WeakMap<MetricRegistry, { iterations: Entry; duration: Entry; sent: Entry; received: Entry }>();

function metricsOf(registry: MetricRegistry) {
  let m = entries.get(registry);
  if (!m) entries.set(registry, (m = { iterations: registry.metric("iterations"), duration: registry.metric("iteration_duration"), sent: registry.metric("data_sent"), received: registry.metric("data_received") }));
  return m;
}

/** Emits the bytes the VU's connections moved since its last iteration (k6 does so per iteration). */
export function emitDataCounters(vu: VU, time: number): void {
  if (!vu.connections) return;
  const { sent, received } = vu.connections.takeBytes();
  if (sent === 0 && received === 0) return;
  const registry = vu.runtime.registry, m = metricsOf(registry), tags = vu.currentTags();
  if (sent > 0) registry.addTo(m.sent, sent, tags, time);
  if (received > 0) registry.addTo(m.received, received, tags, time);
}

/**
 * One running iteration: settles its promise once, when the function's promise and the VU's
 * pending timers and requests are done (k6's event-loop drain), or when it is interrupted.
 * An object rather than an async function with Promise.race: this runs once per iteration,
 * and every await and race adds promises and microtasks to it.
 */
class Iteration {
  /** VU.whenDrained's callback: the VU's pending work is done. */
  readonly drained: () => void;
  failure: { err: unknown } | undefined = undefined;
  private settled = false;
  private readonly start = performance.now();

  constructor(private readonly vu: VU, private readonly scenario: ScenarioInfo, private readonly stats: IterationStats, private readonly resolve: (full: boolean) => void) {
    // Assigned here, not as a field initializer: tsx's keepNames would wrap a named arrow in a
    // defineProperty call per iteration.
    this.drained = () => this.end(false);
  }

  /** The function returned or its promise settled: wait for the VU's pending work, then end. */
  bodyDone(): void {
    if (!this.settled) this.vu.whenDrained(this);
  }

  /** Ends the iteration: `interrupted`, or done (counted, with k6's per-iteration samples). */
  end(interrupted: boolean): void {
    if (this.settled) return;
    this.settled = true;
    const vu = this.vu, rt = vu.runtime, failure = this.failure;
    (vu as WithIteration)[kIteration] = undefined;
    const end = Date.now();
    // test.abort() and a refused call stop the whole test: the iteration is interrupted, not failed.
    if (interrupted || failure?.err instanceof TestAbortError || failure?.err instanceof UnsupportedError) {
      vu.cancelPending();
      emitDataCounters(vu, end);
      this.stats.interrupted++;
      return this.resolve(false);
    }
    if (failure) {
      rt.logger.error(errorText(failure.err), { executor: this.scenario.executor, scenario: this.scenario.name, source: "stacktrace" });
      this.stats.interrupted++;
    } else this.stats.completed++;
    emitDataCounters(vu, end);
    const tags = vu.currentTags(), m = metricsOf(rt.registry);
    rt.registry.addTo(m.duration, performance.now() - this.start, tags, end);
    rt.registry.addTo(m.iterations, 1, tags, end);
    // An iteration without I/O resolves in microtasks: yield so timers (the scenario clock) run.
    if (vu.heldAsync) this.resolve(true);
    else setImmediate(this.resolve, true);
  }
}

/**
 * Runs one iteration of `fnName` on `vu`: calls the function, awaits its promise, then waits for
 * the VU's pending timers and requests (k6's event loop drain). Resolves false when interrupted.
 * An exception is logged with its stack and the iteration still counts in `iterations`, as k6
 * does; `exec.test.abort()` ends it as interrupted.
 */
export function runIteration(vu: VU, scenario: ScenarioInfo, fnName: string, data: unknown, stats: IterationStats): Promise<boolean> {
  const fn = vu.exports[fnName] as (data: unknown) => unknown;
  vu.scenario = scenario;
  vu.phase = "vu";
  vu.group = "";
  vu.beginIteration(scenario);
  vu.heldAsync = false;
  return new Promise<boolean>((resolve) => {
    const it = new Iteration(vu, scenario, stats, resolve);
    (vu as WithIteration)[kIteration] = it;
    vu.onAsyncError = (err) => { it.failure ??= { err }; };
    let result: unknown;
    try {
      result = fn(data);
    } catch (err) {
      it.failure ??= { err };
      return it.bodyDone();
    }
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      (result as PromiseLike<unknown>).then(() => it.bodyDone(), (err: unknown) => {
        it.failure ??= { err };
        it.bodyDone();
      });
    } else it.bodyDone();
  });
}
