import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { CompiledScript } from "../engine/bundle.ts";
import type { Tags } from "../metrics/registry.ts";
import type { IterationRunner } from "../engine/iteration.ts";
import type { VuConnections } from "../modules/http/connection.ts";
import type { VuHttp } from "../modules/http/request.ts";
import type { Cancelable } from "../modules/http/trip.ts";
import { DEFAULT_EXPECTED } from "../modules/http/expected.ts";
import { createRequire } from "../modules/index.ts";
import { createConsole, errorText } from "./log.ts";
import type { Runtime, ScenarioInfo } from "./runtime.ts";
import { createTimers } from "./timers.ts";

/** tagSets entries kept per VU before they are dropped: scripts use a handful; unbounded tag values must not grow it. */
const TAG_SETS_LIMIT = 256;

/** `extra` still has `keys` own keys, each with the value (as a string) it has in `merged`. */
function sameExtra(extra: Record<string, unknown> | undefined, merged: Tags, keys: number): boolean {
  if (!extra) return keys === 0;
  let n = 0;
  for (const k in extra) {
    if (!Object.hasOwn(extra, k)) continue;
    const v = extra[k];
    if ((typeof v === "string" ? v : String(v)) !== merged[k]) return false;
    n++;
  }
  return n === keys;
}

/** Lifecycle stage, which decides what the script may call (k6 init-context rules). */
export type Phase = "init" | "setup" | "vu" | "teardown";

/** k6's default response callback: http.expectedStatuses({min: 200, max: 399}). */
export interface ExpectedStatuses {
  readonly __k6ExpectedStatuses: ReadonlyArray<number | { min: number; max: number }>;
}

/** An object that stores every value assigned to it as a string, as k6's VU tags do. */
function stringValued(onChange: () => void = () => undefined): Record<string, string> {
  return new Proxy({} as Record<string, string>, {
    set: (target, key, value) => (onChange(), Reflect.set(target, key, String(value))),
    defineProperty: (target, key, desc) => (onChange(), Reflect.defineProperty(target, key, desc)),
    deleteProperty: (target, key) => (onChange(), Reflect.deleteProperty(target, key)),
  });
}

/**
 * A VU's pending timers and requests, which an interrupted iteration cancels. An array, not a Set: a VU has one
 * or two at a time, added and removed once per request, and a Set reallocates its table as it
 * empties and fills again.
 */
export class CancelList {
  private items: Cancelable[] = [];

  add(item: Cancelable): void {
    this.items.push(item);
  }

  delete(item: Cancelable): void {
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i] !== item) continue;
      items[i] = items[items.length - 1]!;
      items.pop();
      return;
    }
  }

  /** Cancels and forgets every item. */
  cancelAll(): void {
    const items = this.items;
    this.items = [];
    for (const item of items) item.cancel();
  }
}

/**
 * One virtual user: its module instance (exports), its identity and counters, its tags, the
 * async work its current iteration still has pending, and its own HTTP connections.
 */
export class VU {
  exports: Record<string, unknown> = {};
  phase: Phase = "init";
  group = "";
  /** `__ITER` and exec.vu.iterationInInstance; -1 until the first iteration. */
  iterInInstance = -1;
  iterInScenario = -1;
  /** exec.scenario.iterationInTest of the current iteration. */
  iterInTest = -1;
  private readonly scenarioIters = new Map<string, number>();
  /** The scenario `iterInScenario` counts for; the others' counts are in scenarioIters. */
  private itersOf: string | undefined = undefined;
  scenario: ScenarioInfo | undefined;
  /** exec.vu.metrics.tags: mutable, persists across iterations. */
  readonly tags: Record<string, string> = stringValued(() => { this.tagsVersion++; });
  readonly metadata: Record<string, string> = stringValued();
  responseCallback: ExpectedStatuses | null;
  /** Seeded by k6's randomSeed(); Math.random otherwise. */
  random: () => number = Math.random;
  /** Incremented when an iteration is interrupted: late callbacks of the old one are ignored. */
  generation = 0;
  private pending = 0;
  /** Set when the iteration held async work: its continuation then came from the event loop. */
  heldAsync = false;
  private drainWaiter: (() => void) | undefined;
  /** Cancels pending timers and in-flight requests of an interrupted iteration. */
  readonly cancels = new CancelList();
  private envCache: { scenario: ScenarioInfo | undefined; env: Record<string, string> } | undefined;
  private readonly baseEnv: Record<string, string>;
  connections: VuConnections | undefined;
  /** k6/http's state of this VU (its last headers, tag set, metric records). */
  http: VuHttp | undefined = undefined;
  /** What runs this VU's iterations (engine/iteration.ts). */
  iterations: IterationRunner | undefined = undefined;
  /** This VU's copy of the setup() data, parsed at its first iteration. */
  setupData: { value: unknown } | undefined = undefined;
  /** currentTags() cache: the frozen tag set and what it was built from. */
  private tagsVersion = 0;
  private cachedTags: Tags | undefined;
  private cachedFrom: { scenario: ScenarioInfo | undefined; group: string; version: number; run: Tags } | undefined;
  /** tagsWith()'s tag sets, for the currentTags() object they were built on. */
  private readonly tagSets = new Map<string, Tags>();
  private tagSetsBase: Tags | undefined;
  private lastTagsWith: { extra: Record<string, unknown> | undefined; check: string | undefined; base: Tags; tags: Tags; extraKeys: number } | undefined;
  /** Where an exception thrown in a timer callback goes (the iteration runner sets it). */
  onAsyncError: (err: unknown) => void = (err) => this.runtime.logger.error(errorText(err), { source: "stacktrace" });

  constructor(
    readonly id: number,
    readonly runtime: Runtime,
    defaultCallback: ExpectedStatuses,
  ) {
    this.baseEnv = { ...runtime.env };
    this.responseCallback = defaultCallback;
  }

  /** `__ENV`: the VU's own copy of the base env, plus the current scenario's `env`. */
  get env(): Record<string, string> {
    if (!this.scenario || Object.keys(this.scenario.env).length === 0) return this.baseEnv;
    if (this.envCache?.scenario !== this.scenario) this.envCache = { scenario: this.scenario, env: { ...this.baseEnv, ...this.scenario.env } };
    return this.envCache.env;
  }

  /** Starts an iteration of `scenario`: bumps k6's per-VU counters. */
  beginIteration(scenario: ScenarioInfo): void {
    this.iterInInstance++;
    this.iterInTest = scenario.nextIteration();
    // A VU mostly runs one scenario's iterations back to back: its counter is kept at hand.
    if (scenario.name !== this.itersOf) {
      if (this.itersOf !== undefined) this.scenarioIters.set(this.itersOf, this.iterInScenario);
      this.itersOf = scenario.name;
      this.iterInScenario = this.scenarioIters.get(scenario.name) ?? -1;
    }
    this.iterInScenario++;
  }

  /**
   * The tags every sample of this VU carries now: run, scenario, system and VU tags. Frozen
   * and rebuilt only when one of its sources changed, so that every sample of a request
   * shares one tag set and the registry can key its submetric matches on it.
   */
  currentTags(): Tags {
    const s = this.scenario, run = this.runtime.runTags, from = this.cachedFrom;
    if (this.cachedTags && from && from.scenario === s && from.group === this.group && from.version === this.tagsVersion && from.run === run) return this.cachedTags;
    this.cachedFrom = { scenario: s, group: this.group, version: this.tagsVersion, run };
    return (this.cachedTags = Object.freeze({
      ...run,
      ...(s ? s.tags : {}),
      group: this.group,
      ...(s ? { scenario: s.name } : {}),
      ...this.tags,
    }));
  }

  /**
   * currentTags() plus `extra` (values as strings) and, when given, the `check` tag: frozen, and
   * the same object for the same tags while currentTags() is unchanged, so that a script adding
   * to metrics or checking with the same few tag sets costs no new object (and the registry's
   * submetric match, cached per tag set, hits).
   */
  tagsWith(extra: Record<string, unknown> | undefined, check?: string): Tags {
    const base = this.currentTags();
    // A script passes one tags object to several metrics in a row: the last answer, if that
    // object still holds what it held then (it may have been changed in place).
    const last = this.lastTagsWith;
    if (last && last.extra === extra && last.check === check && last.base === base && sameExtra(extra, last.tags, last.extraKeys)) return last.tags;
    let key = check === undefined ? "" : `check\u0000${check}\u0001`;
    let extraKeys = 0;
    if (extra) {
      for (const k in extra) {
        if (!Object.hasOwn(extra, k)) continue;
        key += `${k}\u0000${String(extra[k])}\u0001`;
        extraKeys++;
      }
    }
    if (key === "") return base;
    if (this.tagSetsBase !== base || this.tagSets.size >= TAG_SETS_LIMIT) {
      this.tagSets.clear();
      this.tagSetsBase = base;
    }
    let tags = this.tagSets.get(key);
    if (!tags) {
      const merged: Tags = { ...base };
      if (extra) for (const k in extra) if (Object.hasOwn(extra, k)) merged[k] = String(extra[k]);
      if (check !== undefined) merged.check = check;
      this.tagSets.set(key, (tags = Object.freeze(merged)));
    }
    this.lastTagsWith = { extra, check, base, tags, extraKeys };
    return tags;
  }

  /** Records async work (timer, request) that the iteration must wait for. */
  hold(): void {
    this.pending++;
    this.heldAsync = true;
  }

  /** Marks one piece of async work done; wakes the iteration when none is left. */
  release(): void {
    if (this.pending > 0) this.pending--;
    if (this.pending === 0 && this.drainWaiter) {
      const w = this.drainWaiter;
      this.drainWaiter = undefined;
      w();
    }
  }

  /** Resolves once no timer or request of this VU is pending (k6 waits for its event loop). */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => { this.drainWaiter = resolve; });
  }

  /** Calls `waiter.drained()` once no timer or request is pending: now if none is (no promise, no microtask). */
  whenDrained(waiter: { drained: () => void }): void {
    if (this.pending === 0) waiter.drained();
    else this.drainWaiter = waiter.drained;
  }

  /** Drops every pending timer and request: the interrupted iteration never resumes. */
  cancelPending(): void {
    this.generation++;
    this.cancels.cancelAll();
    this.pending = 0;
    this.drainWaiter = undefined;
  }
}

/**
 * Creates VU `id` and runs the script's init code in its own module instance.
 * `open()` works only during this init, relative to the script's folder.
 */
export function createVU(id: number, script: CompiledScript, runtime: Runtime): VU {
  const vu = new VU(id, runtime, DEFAULT_EXPECTED);
  const timers = createTimers(vu, (err) => vu.onAsyncError(err));
  const math = Object.create(Math, { random: { value: () => vu.random() } }) as Math;
  const open = (path: string, mode?: string): string | ArrayBuffer => {
    if (vu.phase !== "init") throw new Error("The \"open()\" function is only available in the init stage (i.e. the global scope), see https://grafana.com/docs/k6/latest/using-k6/test-lifecycle/");
    const full = isAbsolute(path) ? path : resolve(runtime.scriptDir, path);
    const buf = readFileSync(full);
    return mode === "b" ? (buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer) : buf.toString("utf8");
  };
  vu.exports = script.instantiate(vu, { require: createRequire(vu, timers), timers, console: createConsole(runtime.logger), open, math });
  return vu;
}
