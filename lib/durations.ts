// Go-style duration strings ("30s", "150ms", "1m30s"): the form k6 options, xk6-disruptor and
// the fault controller all take. Pure: no k6 imports, unit-tested under tests/lib/.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** A duration in milliseconds, or a Go-style duration string such as "30s". */
export type Duration = number | string;

/** Parses a Go-style duration string into milliseconds; `undefined` when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let ms = 0;
  for (const match of trimmed.matchAll(PART)) {
    ms += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
  }
  return ms;
}

/** Formats milliseconds as the shortest exact Go duration string: 30000 → "30s", 1500 → "1500ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a duration must be a finite number of ms >= 0; got ${ms}`);
  const whole = Math.round(ms);
  if (whole % 60_000 === 0 && whole >= 60_000) return `${whole / 60_000}m`;
  if (whole % 1_000 === 0) return `${whole / 1_000}s`;
  return `${whole}ms`;
}

/** Milliseconds from either form; throws a sentence naming `what` when the string is not a duration. */
export function toMs(value: Duration, what: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${what} must be a duration >= 0; got ${value}`);
    return value;
  }
  const ms = parseDuration(value);
  if (ms === undefined) throw new Error(`${what} must be a Go-style duration such as "30s" or "150ms"; got "${value}"`);
  return ms;
}

/** A Go duration string from either form, validated (what xk6-disruptor and the controller accept). */
export function toGoDuration(value: Duration, what: string): string {
  return formatDuration(toMs(value, what));
}
