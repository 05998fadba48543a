import { ConfigError } from "../errors.ts";
import { stringMap } from "../options/script.ts";
import { durOption } from "./common.ts";
import { constantArrivalRate, rampingArrivalRate } from "./arrival-rate.ts";
import { constantVUs, rampingVUs } from "./vus.ts";
import { perVUIterations, sharedIterations } from "./iterations.ts";
import type { Executor, ScenarioBase } from "./types.ts";

/** The executors this runner implements, by k6 name. */
export const EXECUTORS: Record<string, Executor<ScenarioBase>> = {
  "constant-vus": constantVUs as unknown as Executor<ScenarioBase>,
  "ramping-vus": rampingVUs as unknown as Executor<ScenarioBase>,
  "constant-arrival-rate": constantArrivalRate as unknown as Executor<ScenarioBase>,
  "ramping-arrival-rate": rampingArrivalRate as unknown as Executor<ScenarioBase>,
  "per-vu-iterations": perVUIterations as unknown as Executor<ScenarioBase>,
  "shared-iterations": sharedIterations as unknown as Executor<ScenarioBase>,
};

/** A validated scenario and its executor. */
export interface PlannedScenario {
  config: ScenarioBase;
  executor: Executor<ScenarioBase>;
}

const NAME = /^[0-9A-Za-z_-]+$/;

/** Validates every scenario as k6 does before the test starts (ConfigError → exit 104). */
export function planScenarios(raw: Record<string, unknown>): PlannedScenario[] {
  const names = Object.keys(raw);
  if (names.length === 0) throw new ConfigError("no scenarios are configured");
  return names.map((name) => {
    const where = `executor ${name}`;
    if (!NAME.test(name)) throw new ConfigError(`scenario name "${name}" may only contain digits, Latin letters, '_' and '-'`);
    const r = raw[name];
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new ConfigError(`scenario ${name} must be an object`);
    const o = r as Record<string, unknown>;
    const type = o.executor;
    if (typeof type !== "string" || type === "") throw new ConfigError(`scenario ${name}: executor type is required`);
    const executor = EXECUTORS[type];
    if (!executor) {
      const removed = type === "externally-controlled" ? " (removed in k6 v2)" : "";
      throw new ConfigError(`scenario ${name}: unknown executor type '${type}'${removed}; supported: ${Object.keys(EXECUTORS).join(", ")}`);
    }
    const exec = o.exec === undefined ? "default" : String(o.exec);
    const base: ScenarioBase = {
      name,
      executor: type,
      startTime: durOption(o, "startTime", where, 0),
      gracefulStop: durOption(o, "gracefulStop", where, 30_000),
      exec,
      env: o.env === undefined ? {} : stringMap(o.env, `${where}: env`),
      tags: o.tags === undefined ? {} : stringMap(o.tags, `${where}: tags`),
    };
    return { config: executor.parse(o, base), executor };
  });
}

/** When the last scenario can end, gracefulStop included (ms from test start): k6's lib.GetEndOffset. */
export function plannedEndMs(plan: PlannedScenario[]): number {
  return Math.max(0, ...plan.map((p) => p.config.startTime + p.executor.maxDuration(p.config)));
}

/** VUs to initialize before the start: the most that overlapping scenarios need at once. */
export function plannedMaxVUs(plan: PlannedScenario[]): number {
  const events = plan.flatMap((p) => {
    const n = p.executor.preAllocatedVUs(p.config);
    const start = p.config.startTime;
    return [{ t: start, d: n }, { t: start + p.executor.maxDuration(p.config), d: -n }];
  });
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let cur = 0, max = 0;
  for (const e of events) {
    cur += e.d;
    max = Math.max(max, cur);
  }
  return max;
}
