// Durations, the one parser and formatter of the project. Two grammars, both k6's:
// - Go's `time.ParseDuration` ("30s", "1m30s", ".5s", "500us", "0"): what xk6-disruptor, the
//   fault API, the gateway's flags, k6's CLI flags (pflag's Duration, internal/cmd/common.go)
//   and our own env variables take. Units ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h; a
//   number needs a unit except "0"; no spaces.
// - k6's extended form (`types.ParseExtendedDuration`, lib/types/types.go), which script options,
//   K6_* env values and request `timeout`s go through: the Go form, plus a bare number meaning
//   milliseconds ("1500") and a leading whole number of days ("1d", "2d12h").
// Values are milliseconds (fractions for sub-millisecond units). Pure: no Node or k6 imports.

/** A duration as callers give it: milliseconds, or a Go duration string such as "30s". */
export type Duration = number | string;

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DAY_MS = 86_400_000;
// One component of Go's grammar: digits with an optional fraction (at least one digit on either
// side of the dot), then a unit. Anchored with the sticky flag so gaps are never skipped.
const PART = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;

/** Go's time.ParseDuration in ms, sign included ("-1s" → -1000); undefined when `text` is not one. */
export function parseGoDurationSigned(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const m = PART.exec(rest);
    if (!m) return undefined;
    const [, whole = "", fraction, unit = ""] = m;
    if (whole === "" && !fraction) return undefined;
    total += Number(`${whole || "0"}.${fraction || "0"}`) * (UNIT_MS[unit] ?? Number.NaN);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}

/** A non-negative Go duration in ms ("30s" → 30000, "0" → 0); undefined for anything else, negatives included. */
export function parseGoDuration(text: string): number | undefined {
  const ms = parseGoDurationSigned(text);
  if (ms === undefined || ms < 0) return undefined;
  return ms === 0 ? 0 : ms; // "-0s" is zero, not negative
}

/** k6's ParseExtendedDuration in ms: a bare number is ms, "Nd[go-duration]" adds days; undefined otherwise. */
export function parseK6Duration(text: string): number | undefined {
  // strconv.ParseFloat: decimal or exponent notation, no surrounding spaces.
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  const d = text.indexOf("d");
  if (d < 0) return parseGoDurationSigned(text);
  if (!/^[+-]?\d+$/.test(text.slice(0, d))) return undefined;
  const days = Number(text.slice(0, d));
  let hours = 0;
  if (d + 1 < text.length) {
    const tail = parseGoDurationSigned(text.slice(d + 1));
    if (tail === undefined || tail < 0) return undefined;
    hours = days < 0 ? -tail : tail;
  }
  return days * DAY_MS + hours;
}

/**
 * A non-negative Go duration from `value` (a string, or a number of ms); throws a sentence naming
 * `what`, the value and the accepted form (plus `alsoAccepted`, when the caller takes more) otherwise.
 */
export function durationMs(value: unknown, what: string, alsoAccepted?: string): number {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new Error(`${what} must be a duration >= 0; got ${value}`);
  }
  const ms = typeof value === "string" ? parseGoDuration(value) : undefined;
  if (ms === undefined) {
    const also = alsoAccepted ? `, ${alsoAccepted}` : "";
    throw new Error(`${what} must be a duration such as "30s", "150ms" or "1m30s" (units ns, us, ms, s, m, h; "0" alone needs none)${also}; got ${quote(value)}`);
  }
  return ms;
}

/** `value` (ms or a duration string) validated and written as Go writes it, the form xk6-disruptor and the fault API take. */
export function goDuration(value: unknown, what: string): string {
  return formatDuration(durationMs(value, what));
}

/** Go's Duration.String() of `ms`: 90000 → "1m30s", 1500 → "1.5s", 150 → "150ms", 0 → "0s", 7200000 → "2h0m0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error(`a duration must be a finite number of ms; got ${ms}`);
  let ns = Math.round(Math.abs(ms) * 1e6);
  const sign = ms < 0 && ns > 0 ? "-" : "";
  if (ns === 0) return "0s";
  if (ns < 1e9) {
    // Below a second Go picks the largest unit that keeps a whole part: ns, µs or ms.
    const [size, unit] = ns < 1e3 ? [1, "ns"] : ns < 1e6 ? [1e3, "µs"] : [1e6, "ms"];
    return `${sign}${trimFraction(ns, size)}${unit}`;
  }
  const h = Math.floor(ns / 3.6e12);
  ns -= h * 3.6e12;
  const m = Math.floor(ns / 6e10);
  ns -= m * 6e10;
  const s = `${trimFraction(ns, 1e9)}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  return m > 0 ? `${sign}${m}m${s}` : `${sign}${s}`;
}

/** `value / size` with the fraction's trailing zeros dropped, as Go prints it (1500000, 1e6 → "1.5"). */
function trimFraction(value: number, size: number): string {
  const whole = Math.floor(value / size);
  const digits = Math.round(Math.log10(size));
  const fraction = String(value - whole * size).padStart(digits, "0").replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** A short quoted rendering of any value for error messages. */
export function quote(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
