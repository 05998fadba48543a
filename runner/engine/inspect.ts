// `ai-chaos inspect`, modelled on `k6 inspect` (internal/cmd/inspect.go): the script's init runs
// once (VU 0, as `run` does it) and its options are printed as k6 marshals lib.Options
// (lib/options.go): every key, null when unset, durations as Go's Duration.String(), Go maps with
// sorted keys. Our addition: the script's exported `plan`, when it exports one.
import { formatDuration, quote } from "../../contracts/duration.ts";
import { ConfigError, RunError } from "../errors.ts";
import { EXECUTORS, planScenarios, plannedEndMs, plannedMaxVUs } from "../executors/index.ts";
import { applyTier, deriveScenarios } from "../options/consolidate.ts";
import { envTier } from "../options/env.ts";
import { k6DurationMs, scriptTier } from "../options/script.ts";
import { LIB_OPTIONS, type OptionKind } from "../options/types.ts";
import { readThresholdConfigs, thresholdJson } from "../thresholds/config.ts";
import { loadScript } from "./prepare.ts";

/** What `inspect` prints: k6's options JSON, and the script's `plan` export when there is one. */
export interface InspectResult {
  options: Record<string, unknown>;
  plan?: unknown;
}

/** How to inspect: k6 inspect's defaults are no system env and no execution requirements. */
export interface InspectOptions {
  includeSystemEnv?: boolean;
  /** k6's --execution-requirements: options consolidated with K6_* env, scenarios derived, plus totalDuration and maxVUs. */
  executionRequirements?: boolean;
  processEnv?: NodeJS.ProcessEnv;
}

// executor.BaseConfig's fields, which every scenario marshals before its own (lib/executor/base_config.go).
const SCENARIO_FIELDS: ReadonlyArray<readonly [string, OptionKind]> = [
  ["executor", "string"], ["startTime", "duration"], ["gracefulStop", "duration"], ["env", "map"], ["exec", "string"], ["tags", "map"],
];

const sortedKeys = <T>(o: Record<string, T>): [string, T][] => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function marshal(kind: OptionKind, value: unknown, where: string): unknown {
  if (kind === "dns") return value ?? { ttl: null, select: null, policy: null };
  if (value === undefined || value === null) return null;
  switch (kind) {
    case "duration":
      return formatDuration(k6DurationMs(value, where));
    case "int":
      if (!Number.isInteger(value)) throw new ConfigError(`${where} must be an integer; got ${quote(value)}`);
      return value;
    case "stages":
      if (!Array.isArray(value)) throw new ConfigError(`${where} must be an array of {duration, target}; got ${quote(value)}`);
      return value.map((s: { duration?: unknown; target?: unknown } | null, i) => ({
        duration: marshal("duration", s?.duration, `${where}[${i}].duration`), target: marshal("int", s?.target, `${where}[${i}].target`),
      }));
    case "map":
      return Object.fromEntries(sortedKeys(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    case "string":
      return String(value);
    case "scenarios":
      return Object.fromEntries(sortedKeys(value as Record<string, Record<string, unknown>>).map(([name, s]) => [name, scenarioJson(name, s)]));
    case "thresholds":
      return Object.fromEntries(readThresholdConfigs(value).sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ key, configs }) => [key, configs.map(thresholdJson)]));
    default:
      return value;
  }
}

function scenarioJson(name: string, raw: Record<string, unknown>): Record<string, unknown> {
  const executor = EXECUTORS[String(raw?.executor)];
  if (!executor) throw new ConfigError(`scenario ${name}: unknown executor type ${quote(raw?.executor)}; supported: ${Object.keys(EXECUTORS).join(", ")}`);
  const fields = [...SCENARIO_FIELDS, ...executor.fields];
  return Object.fromEntries(fields.map(([key, kind]) => [key, marshal(kind, raw[key], `scenario ${name}: ${key}`)]));
}

/** `options` (the script's export, or a consolidated tier) as k6 marshals lib.Options. */
function optionsJson(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, kind] of LIB_OPTIONS) {
    if (key === "cloud" && options.cloud === undefined) continue;
    out[key] = marshal(kind, options[key], `options.${key}`);
  }
  return out;
}

/**
 * Evaluates `script`'s init once with `env` as `-e` variables and returns its options as
 * `k6 inspect` prints them, plus its exported `plan` (JSON-copied). Throws RunError: 107 for
 * an init exception, 104 for options that do not marshal (or, with executionRequirements, do
 * not validate), 255 for a missing file.
 */
export async function inspectScript(script: string, env: Record<string, string> = {}, opts: InspectOptions = {}): Promise<InspectResult> {
  const processEnv = opts.processEnv ?? process.env;
  const { vu0, runtime } = await loadScript(script, { vars: env, includeSystemEnv: opts.includeSystemEnv ?? false, processEnv }, { startedAt: performance.now() });
  const exported = vu0.exports.options;
  if (exported !== undefined && (exported === null || typeof exported !== "object")) throw new ConfigError(`options must be an object; got ${quote(exported)}`);
  const raw = (exported ?? {}) as Record<string, unknown>;
  let options: Record<string, unknown>;
  try {
    if (!opts.executionRequirements) options = optionsJson(raw);
    else {
      // inspectOutputWithExecRequirements: consolidated (script < K6_* env), scenarios derived and validated.
      const warn = (m: string) => runtime.logger.warn(m);
      const tier = applyTier(scriptTier(raw, () => undefined), envTier(processEnv));
      const scenarios = deriveScenarios(tier, warn);
      const plan = planScenarios(scenarios);
      // The tiers' values replace the script's; a shortcut a higher tier dropped is gone.
      const merged: Record<string, unknown> = { ...raw, vus: undefined, duration: undefined, iterations: undefined, stages: undefined, ...tier, scenarios };
      options = { ...optionsJson(merged), totalDuration: formatDuration(plannedEndMs(plan)), maxVUs: plannedMaxVUs(plan) };
    }
  } catch (err) {
    throw err instanceof RunError ? err : new ConfigError((err as Error).message);
  }
  const plan = vu0.exports.plan;
  return plan === undefined ? { options } : { options, plan: JSON.parse(JSON.stringify(plan)) as unknown };
}
