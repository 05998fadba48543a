import { performance } from "node:perf_hooks";
import type { ExecutorContext, ScenarioBase } from "../executors/types.ts";
import type { ScenarioInfo } from "../vu/runtime.ts";
import type { VU } from "../vu/vu.ts";
import { interruptIteration, loopIterations, runIteration, type IterationStats } from "./iteration.ts";
import type { VuPool } from "./pool.ts";
import type { TestStop } from "./stop.ts";

/** What a scenario needs from the test run around it. */
export interface ScenarioDeps {
  pool: VuPool;
  stop: TestStop;
  stats: IterationStats;
  /** The setup() result as JSON (each VU parses its own copy once); undefined when none. */
  setupJson: string | undefined;
  emit(name: string, value: number, tags: Record<string, string>): void;
  runTags: Record<string, string>;
  warn(message: string): void;
  /** Rows of the start trace (`scenario,k,due_ms,started_ms`), when it is on. */
  startTrace?: string[];
}

/**
 * One running scenario: the ExecutorContext its executor drives and the ScenarioInfo its VUs
 * see through k6/execution.
 */
export class ScenarioRun implements ExecutorContext, ScenarioInfo {
  readonly name: string;
  readonly executor: string;
  readonly exec: string;
  readonly env: Record<string, string>;
  readonly tags: Record<string, string>;
  startTime = 0;
  private startedAt = 0;
  private iterations = 0;
  private progressFn: () => { fraction: number; text: string } = () => ({ fraction: 0, text: "" });
  private readonly warned = new Set<string>();
  /** VUs held without counting in `vus`: arrival-rate VUs, active only while they run an iteration. */
  private readonly onDemand = new Set<VU>();
  done = false;
  traceStart?: (k: number, dueMs: number, startedMs: number) => void;

  constructor(readonly config: ScenarioBase, private readonly deps: ScenarioDeps) {
    const rows = deps.startTrace;
    if (rows) this.traceStart = (k, dueMs, startedMs) => { rows.push(`${config.name},${k},${dueMs.toFixed(3)},${startedMs.toFixed(3)}`); };
    this.name = config.name;
    this.executor = config.executor;
    this.exec = config.exec;
    this.env = config.env;
    this.tags = config.tags;
  }

  /** Marks the scenario's start (its clock and exec.scenario.startTime). */
  begin(): void {
    this.startedAt = performance.now();
    this.startTime = Date.now();
  }

  get stopped(): boolean {
    return this.deps.stop.stopped;
  }

  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  sleep(ms: number): Promise<void> {
    return this.deps.stop.sleep(ms);
  }

  acquireVU(activeWhileIdle = true): VU {
    const vu = this.deps.pool.acquire(activeWhileIdle);
    if (!activeWhileIdle) this.onDemand.add(vu);
    vu.scenario = this;
    return vu;
  }

  releaseVU(vu: VU): void {
    vu.scenario = undefined;
    this.deps.pool.release(vu, !this.onDemand.delete(vu));
  }

  runIteration(vu: VU): Promise<boolean> {
    const data = (vu.setupData ??= { value: this.deps.setupJson === undefined ? undefined : JSON.parse(this.deps.setupJson) }).value;
    if (!this.onDemand.has(vu)) return runIteration(vu, this, this.exec, data, this.deps.stats);
    // An arrival-rate VU counts in `vus` only while it runs an iteration.
    const pool = this.deps.pool;
    pool.active++;
    return runIteration(vu, this, this.exec, data, this.deps.stats).then((full) => {
      pool.active--;
      return full;
    });
  }

  loopIterations(vu: VU, more: () => boolean): Promise<void> {
    const data = (vu.setupData ??= { value: this.deps.setupJson === undefined ? undefined : JSON.parse(this.deps.setupJson) }).value;
    return loopIterations(vu, this, this.exec, data, this.deps.stats, () => !this.stopped && more());
  }

  interrupt(vu: VU): void {
    interruptIteration(vu);
  }

  dropped(count: number): void {
    this.deps.emit("dropped_iterations", count, { ...this.deps.runTags, ...this.tags, scenario: this.name });
  }

  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.warn(message);
  }

  setProgress(fn: () => { fraction: number; text: string }): void {
    this.progressFn = fn;
  }

  progress(): number {
    return this.done ? 1 : Math.max(0, Math.min(1, this.progressFn().fraction));
  }

  /** The scenario's part of the progress line. */
  progressText(): string {
    return this.progressFn().text;
  }

  nextIteration(): number {
    return this.iterations++;
  }
}
