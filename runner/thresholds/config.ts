import { formatDuration, parseK6Duration, quote } from "../../contracts/duration.ts";

/** An invalid `options.thresholds` entry, found before the run starts: k6 exits 104 (InvalidConfig). */
export class ThresholdConfigError extends Error {
  /** k6's exit code for invalid configuration. */
  readonly exitCode = 104;
  constructor(message: string) {
    super(message);
    this.name = "ThresholdConfigError";
  }
}

/** One threshold as written in options, before its expression is parsed. */
export interface ThresholdConfig {
  source: string;
  abortOnFail: boolean;
  /** Milliseconds from test start before an abortOnFail failure may abort; null when unset. */
  delayAbortEvalMs: number | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function delayOf(raw: unknown, where: string): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "number" && Number.isFinite(raw)) return raw;
  // k6 reads it as types.ParseExtendedDuration (lib/types/types.go): a bare number is ms.
  const ms = typeof raw === "string" ? parseK6Duration(raw) : undefined;
  if (ms !== undefined) return ms;
  throw new ThresholdConfigError(`${where}: invalid delayAbortEval ${quote(raw)}: a duration such as "10s", "1m30s" or "1d2h", or a number of ms, is accepted`);
}

/**
 * One threshold as k6 marshals it (metrics/thresholds.go thresholdConfig.MarshalJSON): its
 * source, or `{threshold, abortOnFail, delayAbortEval}` when abortOnFail is set.
 */
export function thresholdJson(t: ThresholdConfig): string | { threshold: string; abortOnFail: true; delayAbortEval: string | null } {
  if (!t.abortOnFail) return t.source;
  return { threshold: t.source, abortOnFail: true, delayAbortEval: t.delayAbortEvalMs === null ? null : formatDuration(t.delayAbortEvalMs) };
}

/**
 * One array item, read as k6 unmarshals it from the options JSON: a string, or an object
 * `{threshold, abortOnFail, delayAbortEval}` (other keys ignored). `null` is an empty
 * expression, which then fails to parse, as in k6.
 */
function configOf(item: unknown, where: string): ThresholdConfig {
  if (item === null || item === undefined) return { source: "", abortOnFail: false, delayAbortEvalMs: null };
  if (typeof item === "string") return { source: item, abortOnFail: false, delayAbortEvalMs: null };
  if (!isObject(item)) {
    throw new ThresholdConfigError(
      `${where}: expected a threshold string or {threshold, abortOnFail, delayAbortEval}, got ${JSON.stringify(item)}`,
    );
  }
  const { threshold, abortOnFail } = item;
  if (threshold !== undefined && threshold !== null && typeof threshold !== "string") {
    throw new ThresholdConfigError(`${where}: "threshold" must be a string, got ${JSON.stringify(threshold)}`);
  }
  if (abortOnFail !== undefined && abortOnFail !== null && typeof abortOnFail !== "boolean") {
    throw new ThresholdConfigError(`${where}: "abortOnFail" must be a boolean, got ${JSON.stringify(abortOnFail)}`);
  }
  return { source: threshold ?? "", abortOnFail: abortOnFail ?? false, delayAbortEvalMs: delayOf(item.delayAbortEval, where) };
}

/**
 * Reads `options.thresholds` (`{key: [string | {threshold, abortOnFail, delayAbortEval}]}`)
 * into one entry per key in declaration order. undefined/null means no thresholds.
 * Throws ThresholdConfigError for shapes k6's JSON decoding rejects.
 */
export function readThresholdConfigs(thresholds: unknown): { key: string; configs: ThresholdConfig[] }[] {
  if (thresholds === undefined || thresholds === null) return [];
  if (!isObject(thresholds)) {
    throw new ThresholdConfigError(`options.thresholds must be an object, got ${JSON.stringify(thresholds)}`);
  }
  return Object.entries(thresholds).map(([key, list]) => {
    const where = `thresholds[${JSON.stringify(key)}]`;
    if (list === null) return { key, configs: [] };
    if (!Array.isArray(list)) {
      throw new ThresholdConfigError(`${where}: expected an array of thresholds, got ${JSON.stringify(list)}`);
    }
    return { key, configs: list.map((item: unknown) => configOf(item, where)) };
  });
}
