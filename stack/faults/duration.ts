// Go-style duration strings ("150ms", "30s", "1m30s", "2h"), the form xk6-disruptor takes and
// every duration field of the fault API uses. Other parts of the stack reuse this parser.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Parses a Go-style duration ("150ms", "30s", "1m30s", "2h", or "0") into milliseconds; throws a sentence otherwise. */
export function parseDuration(text: unknown): number {
  if (typeof text !== "string") throw new Error(`expected a duration string such as "30s" or "150ms", got ${describe(text)}`);
  if (text === "0") return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (m === null) {
      PART.lastIndex = start;
      throw new Error(`invalid duration ${JSON.stringify(text)}: expected numbers with units ns, us, ms, s, m, h, such as "150ms", "30s", "1m30s"`);
    }
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? Number.NaN);
  }
  if (text.length === 0 || !Number.isFinite(total)) {
    throw new Error(`invalid duration ${JSON.stringify(text)}: expected numbers with units ns, us, ms, s, m, h, such as "150ms", "30s", "1m30s"`);
  }
  return total;
}

/** Formats milliseconds as a Go-style duration: 90000 → "1m30s", 150 → "150ms", 0 → "0s". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest === 0) return "0s";
  let out = "";
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1_000]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}

/** A short, quoted rendering of any JSON value for error messages. */
export function describe(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
