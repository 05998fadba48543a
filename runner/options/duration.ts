import { UsageError } from "../errors.ts";

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000,
};
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;

/**
 * Parses a Go-style duration ("1m30s", "500ms", "1.5h", "-2s") into milliseconds.
 * Returns undefined when the text is not a duration.
 */
export function parseGoDuration(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? Number.NaN);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}

/**
 * A duration from script options: a string in Go syntax, or a number of milliseconds
 * (k6's JSON rule). Throws with `what` in the message otherwise.
 */
export function durationOption(value: unknown, what: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const ms = parseGoDuration(value);
    if (ms !== undefined) return ms;
  }
  throw new Error(`${what}: invalid duration ${JSON.stringify(value)}`);
}

/**
 * A duration from a CLI flag or K6_* variable: Go syntax, or a unitless number of seconds
 * (k6's "extended duration"). Malformed text is a usage error, as in k6 (exit 255).
 */
export function durationFlag(text: string, flag: string): number {
  const ms = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) * 1000 : parseGoDuration(text);
  if (ms === undefined) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: not a duration`);
  return ms;
}

/** Formats milliseconds the way k6 prints durations in messages ("1m30s", "500ms"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (Math.abs(ms) < 1000) return `${+ms.toFixed(3)}ms`;
  const neg = ms < 0 ? "-" : "";
  let rest = Math.abs(ms) / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = +(rest - m * 60).toFixed(3);
  return `${neg}${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}
