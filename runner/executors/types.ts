import type { VU } from "../vu/vu.ts";

/** The options every scenario has, normalized (durations in ms). */
export interface ScenarioBase {
  name: string;
  executor: string;
  startTime: number;
  gracefulStop: number;
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
}

/** What the engine gives an executor to run one scenario. */
export interface ExecutorContext {
  /** Milliseconds since this scenario started. */
  elapsed(): number;
  /** True once the whole test is stopping (abort, threshold abort, signal): end now. */
  readonly stopped: boolean;
  /** Resolves after `ms`, or at once when the test stops. */
  sleep(ms: number): Promise<void>;
  /**
   * An initialized VU for this scenario (initializes one if none is idle). It counts in `vus`
   * while held, or with `activeWhileIdle` false only while it runs an iteration (arrival rates).
   */
  acquireVU(activeWhileIdle?: boolean): VU;
  /** Returns a VU whose loop has ended to the shared pool. */
  releaseVU(vu: VU): void;
  /** Runs one iteration; false when it was interrupted. */
  runIteration(vu: VU): Promise<boolean>;
  /**
   * Runs iterations back to back while `more()` says so and the test runs; resolves when it
   * stops, or after an interrupted iteration. For a VU that counts in `vus` while held.
   */
  loopIterations(vu: VU, more: () => boolean): Promise<void>;
  /** Interrupts the VU's running iteration (gracefulStop or gracefulRampDown ran out). */
  interrupt(vu: VU): void;
  /** Emits `dropped_iterations`. */
  dropped(count: number): void;
  /** Logs a warning once per message. */
  warnOnce(message: string): void;
  /** Registers what the progress line and exec.scenario.progress show. */
  setProgress(fn: () => { fraction: number; text: string }): void;
  /**
   * Set only when the start trace is on (AI_CHAOS_TRACE_STARTS, for bench:runner): records when
   * iteration `k` was due and when it started, ms since the scenario started.
   */
  traceStart?(k: number, dueMs: number, startedMs: number): void;
}

/** How k6 marshals one option (inspect's JSON): a Go duration string, an integer, `{duration, target}` stages. */
export type FieldKind = "duration" | "int" | "stages";

/** One executor type: how to validate its options, size it, and run it. */
export interface Executor<S extends ScenarioBase = ScenarioBase> {
  /** Its own options after the common ones, in the order k6's config struct marshals them (lib/executor/*.go). */
  readonly fields: ReadonlyArray<readonly [string, FieldKind]>;
  /** Validates the executor-specific options; throws ConfigError with k6-like messages. */
  parse(raw: Record<string, unknown>, base: ScenarioBase): S;
  /** VUs to initialize before the test starts. */
  preAllocatedVUs(s: S): number;
  /** Longest run time after startTime, gracefulStop included (ms). */
  maxDuration(s: S): number;
  /** A one-line description for the run header. */
  describe(s: S): string;
  run(s: S, ctx: ExecutorContext): Promise<void>;
}
