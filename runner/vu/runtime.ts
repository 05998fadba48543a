import type { MetricRegistry, Tags } from "../metrics/registry.ts";
import type { CheckTracker } from "../metrics/checks.ts";
import type { Logger } from "./log.ts";

/** What a running scenario exposes to its VUs (k6/execution `scenario`). */
export interface ScenarioInfo {
  name: string;
  executor: string;
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
  /** Unix ms when the scenario started. */
  startTime: number;
  progress(): number;
  /** Next value of `iterationInTest` for this scenario. */
  nextIteration(): number;
}

/** Test-wide state shared by all VUs of one run. */
export interface Runtime {
  registry: MetricRegistry;
  checks: CheckTracker;
  logger: Logger;
  /** The consolidated options, as `exec.test.options` returns them. */
  options: Record<string, unknown>;
  /** Test-wide tags (`options.tags` / `--tag`). */
  runTags: Tags;
  /** Base `__ENV`: system env (unless disabled) plus `-e`. */
  env: Record<string, string>;
  scriptDir: string;
  discardResponseBodies: boolean;
  maxRedirects: number;
  /** performance.now() at test start. */
  startedAt: number;
  abort(reason: string): void;
  markFailed(reason: string): void;
  /** Stops the run (exit 107) and throws UnsupportedError: `message` names the API and its async form. */
  unsupported(message: string): never;
  /** The `User-Agent` requests send unless they set one (options.userAgent, else k6's default). */
  userAgent: string;
  vusActive(): number;
  vusInitialized(): number;
  iterationsCompleted(): number;
  iterationsInterrupted(): number;
  /** Emits one sample, unless the emitting VU's iteration was interrupted. */
  emit(name: string, value: number, tags: Tags, time?: number): void;
}
