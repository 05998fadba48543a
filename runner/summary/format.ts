import type { MetricType, ValueType } from "../metrics/types.ts";

/** `val` with at most `prec` decimals and no trailing zeros ("1.5", "2"). */
export function fixedTrim(val: number, prec: number): string {
  return String(Number.parseFloat(val.toFixed(prec)));
}

/** Like fixedTrim, but truncating instead of rounding ("1.999" → "1.99"). */
function truncTrim(val: number, prec: number): string {
  const mult = 10 ** prec;
  return fixedTrim(Math.trunc(val * mult) / mult, prec);
}

/**
 * A duration in ms as k6's summary prints it: the largest fitting unit with two truncated
 * decimals below a second ("812.53ms", "8.24µs"), then "4.56s", "1m30s", "1h2m3s".
 */
export function humanizeDuration(ms: number): string {
  if (ms < 0) return `-${humanizeDuration(-ms)}`;
  if (ms === 0) return "0s";
  if (ms < 0.001) return `${Math.trunc(ms * 1e6)}ns`;
  if (ms < 1) return `${truncTrim(ms * 1000, 2)}µs`;
  if (ms < 1000) return `${truncTrim(ms, 2)}ms`;
  let text = `${truncTrim((ms % 60_000) / 1000, ms > 60_000 ? 0 : 2)}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 1) return text;
  text = `${minutes % 60}m${text}`;
  const hours = Math.trunc(minutes / 60);
  return hours < 1 ? text : `${hours}h${text}`;
}

const TIME_UNITS: Record<string, { unit: string; perMs: number }> = {
  s: { unit: "s", perMs: 0.001 },
  ms: { unit: "ms", perMs: 1 },
  us: { unit: "µs", perMs: 1000 },
};

/** Bytes in decimal units with one decimal under 10 ("1.2 kB", "35 MB", "7 B"). */
export function humanizeBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return `${val.toFixed(val < 10 ? 1 : 0)} ${units[e] ?? "?B"}`;
}

/**
 * One value as k6's summary shows it: rates as truncated percentages ("99.99%"), `data` as
 * bytes, `time` as a duration (fixed unit when `timeUnit` is s|ms|us), others up to 6 decimals.
 */
export function humanizeValue(value: number, type: MetricType, contains: ValueType, timeUnit = ""): string {
  if (type === "rate") return `${(Math.trunc(value * 100 * 100) / 100).toFixed(2)}%`;
  if (contains === "data") return humanizeBytes(value);
  if (contains === "time") {
    const fixed = TIME_UNITS[timeUnit];
    return fixed ? `${(value * fixed.perMs).toFixed(2)}${fixed.unit}` : humanizeDuration(value);
  }
  return fixedTrim(value, 6);
}
