import { parseK6Duration, quote } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import { LIB_OPTIONS, type OptionTier, type Stage } from "./types.ts";

/** Options the runner honours (noThresholds and summaryExport are k6's runtime options, read here too). */
const HONOURED = new Set([
  "vus", "duration", "iterations", "stages", "scenarios", "tags", "thresholds", "noThresholds",
  "summaryTrendStats", "summaryTimeUnit", "discardResponseBodies", "maxRedirects", "setupTimeout",
  "teardownTimeout", "handleSummaryTimeout", "noSetup", "noTeardown", "userAgent", "summaryExport",
]);
// Options that cannot change what a local run measures: k6 Cloud's settings, sample buffering,
// cookie resets (no cookies here) and batch limits (http.batch is refused).
const INERT = new Set(["ext", "cloud", "metricSamplesBufferSize", "noCookiesReset", "batch", "batchPerHost"]);
const LIB_OPTION_NAMES = new Set(LIB_OPTIONS.map(([name]) => name));

/** k6's default for every option the runner does not honour: unset, false or empty. */
const isDefault = (v: unknown): boolean =>
  v === undefined || v === null || v === false || v === "" || (typeof v === "object" && Object.keys(v).length === 0);

/**
 * Refuses an option the runner cannot honour (systemTags, hosts, throw, rps, TLS settings, ...)
 * when it is set to anything but k6's default: the run would not measure what k6 measures, so it
 * stops before it starts (exit 104). Names outside lib.Options are warned about, as k6 does.
 */
function checkSupported(o: Record<string, unknown>, warn: (msg: string) => void): void {
  for (const [key, value] of Object.entries(o)) {
    if (HONOURED.has(key) || INERT.has(key)) continue;
    if (!LIB_OPTION_NAMES.has(key)) {
      warn(`There were unknown fields in the options exported in the script: "${key}" is not a k6 option and is ignored`);
      continue;
    }
    if (!isDefault(value)) {
      throw new ConfigError(`option "${key}" is not supported by the Node runner (runner/CONFORMANCE.md lists what is); remove it, or run the script with k6`);
    }
  }
}

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

/**
 * A duration as k6 reads script options, K6_* env values and request timeouts
 * (types.GetDurationValue and ParseExtendedDuration, lib/types/types.go): a number of ms, or a
 * string in Go's grammar where a bare number is ms and "Nd" adds days. Throws naming `what`.
 */
export function k6DurationMs(value: unknown, what: string): number {
  const ms = typeof value === "number" ? value : typeof value === "string" ? parseK6Duration(value) : undefined;
  if (ms === undefined || !Number.isFinite(ms)) throw new Error(`${what}: invalid duration ${quote(value)}; use one such as "30s", "1m30s" or "1d2h", or a number of ms`);
  return ms;
}

function asDuration(value: unknown, what: string): number {
  try {
    return k6DurationMs(value, what);
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
  checkSupported(o, warn);
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
  if (o.handleSummaryTimeout !== undefined) tier.handleSummaryTimeout = asDuration(o.handleSummaryTimeout, "handleSummaryTimeout");
  if (o.noSetup !== undefined && o.noSetup !== null) tier.noSetup = Boolean(o.noSetup);
  if (o.noTeardown !== undefined && o.noTeardown !== null) tier.noTeardown = Boolean(o.noTeardown);
  if (o.userAgent !== undefined && o.userAgent !== null) tier.userAgent = String(o.userAgent);
  return tier;
}

/** A `{k: v}` object whose values k6 stores as strings. */
export function stringMap(raw: unknown, what: string): Record<string, string> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = String(v);
  return out;
}
