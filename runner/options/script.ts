import { ConfigError } from "../errors.ts";
import { durationOption } from "./duration.ts";
import type { OptionTier, Stage } from "./types.ts";

/** Options this runner reads from `export const options`; others are ignored with a warning. */
const KNOWN = new Set([
  "vus", "duration", "iterations", "stages", "scenarios", "tags", "thresholds", "noThresholds",
  "summaryTrendStats", "summaryTimeUnit", "discardResponseBodies", "maxRedirects", "setupTimeout",
  "teardownTimeout", "summaryExport",
]);

/** Converts `{duration, target}` stages; durations may be strings or ms numbers. */
export function parseStages(raw: unknown, what: string): Stage[] {
  if (!Array.isArray(raw)) throw new ConfigError(`${what}: stages must be an array`);
  return raw.map((s: unknown, i) => {
    const st = (s ?? {}) as { duration?: unknown; target?: unknown };
    if (st.duration === undefined) throw new ConfigError(`${what}: stage ${i + 1} doesn't have a duration`);
    const target = st.target === undefined ? Number.NaN : Number(st.target);
    if (!Number.isInteger(target)) throw new ConfigError(`${what}: stage ${i + 1} doesn't have a valid target`);
    return { duration: asDuration(st.duration, `${what}: stage ${i + 1} duration`), target };
  });
}

function asDuration(value: unknown, what: string): number {
  try {
    return durationOption(value, what);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function asInt(value: unknown, what: string): number {
  const n = Number(value);
  if (typeof value === "boolean" || !Number.isInteger(n)) throw new ConfigError(`${what} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Turns the script's exported `options` into an option tier; malformed values are
 * invalid config (exit 104), as k6 fails to unmarshal them.
 */
export function scriptTier(options: unknown, warn: (msg: string) => void): OptionTier {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") throw new ConfigError("options must be an object");
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) warn(`option "${key}" is not supported by the Node runner and is ignored`);
  const tier: OptionTier = {};
  if (o.vus !== undefined && o.vus !== null) tier.vus = asInt(o.vus, "vus");
  if (o.duration !== undefined && o.duration !== null) tier.duration = asDuration(o.duration, "duration");
  if (o.iterations !== undefined && o.iterations !== null) tier.iterations = asInt(o.iterations, "iterations");
  if (o.stages !== undefined && o.stages !== null) tier.stages = parseStages(o.stages, "stages");
  if (o.scenarios !== undefined && o.scenarios !== null) {
    if (typeof o.scenarios !== "object" || Array.isArray(o.scenarios)) throw new ConfigError("scenarios must be an object");
    tier.scenarios = o.scenarios as Record<string, unknown>;
  }
  if (o.tags !== undefined) tier.tags = stringMap(o.tags, "tags");
  if (o.thresholds !== undefined) tier.thresholds = o.thresholds;
  if (o.noThresholds !== undefined) tier.noThresholds = Boolean(o.noThresholds);
  if (o.summaryExport !== undefined) tier.summaryExport = String(o.summaryExport);
  if (o.summaryTrendStats !== undefined) {
    if (!Array.isArray(o.summaryTrendStats)) throw new ConfigError("summaryTrendStats must be an array of strings");
    tier.summaryTrendStats = o.summaryTrendStats.map(String);
  }
  if (o.summaryTimeUnit !== undefined) tier.summaryTimeUnit = String(o.summaryTimeUnit);
  if (o.discardResponseBodies !== undefined) tier.discardResponseBodies = Boolean(o.discardResponseBodies);
  if (o.maxRedirects !== undefined) tier.maxRedirects = asInt(o.maxRedirects, "maxRedirects");
  if (o.setupTimeout !== undefined) tier.setupTimeout = asDuration(o.setupTimeout, "setupTimeout");
  if (o.teardownTimeout !== undefined) tier.teardownTimeout = asDuration(o.teardownTimeout, "teardownTimeout");
  return tier;
}

/** A `{k: v}` object whose values k6 stores as strings. */
export function stringMap(raw: unknown, what: string): Record<string, string> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = String(v);
  return out;
}
