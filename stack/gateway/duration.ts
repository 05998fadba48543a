/**
 * Go-style durations ("2s", "150ms", "1m30s", "0") in milliseconds.
 * Local to the gateway: no shared parser existed in stack/faults/ when this was written.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;

/** Parses a Go-style duration into milliseconds; throws naming the input and the accepted form. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === "0") return 0;
  let total = 0;
  let consumed = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(s); m !== null; m = PART.exec(s)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  if (s.length === 0 || consumed !== s.length || !Number.isFinite(total)) {
    throw new Error(`invalid duration "${text}": expected a number with a unit (ms, s, m, h), e.g. "2s", "150ms", "1m30s"`);
  }
  return total;
}
