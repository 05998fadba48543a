import { parseGoFloat } from "../metrics/go-float.ts";

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** Go's time.ParseDuration, in milliseconds; throws Go's messages. */
function parseGoDuration(text: string): number {
  const invalid = new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  const sign = rest.startsWith("-") ? -1 : 1;
  if (rest.startsWith("-") || rest.startsWith("+")) rest = rest.slice(1);
  if (rest === "0") return 0;
  if (rest === "") throw invalid;
  let total = 0;
  while (rest !== "") {
    const m = PART.exec(rest);
    const [all = "", int = "", frac, unit = ""] = m ?? [];
    if (int === "" && (frac ?? "") === "") throw invalid;
    if (unit === "") throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const scale = UNIT_MS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    total += Number(`${int || "0"}.${frac ?? ""}0`) * scale;
    rest = rest.slice(all.length);
  }
  return sign * total;
}

/**
 * k6's "extended duration" for `delayAbortEval` (types.ParseExtendedDuration), in ms:
 * a bare number is milliseconds, `Nd` prefixes whole days to a Go duration ("1d2h").
 */
export function parseExtendedDuration(text: string): number {
  try {
    return parseGoFloat(text);
  } catch {
    // not a bare number: a duration with units
  }
  const d = text.indexOf("d");
  if (d < 0) return parseGoDuration(text);
  const rest = d + 1 < text.length ? parseGoDuration(text.slice(d + 1)) : 0;
  if (rest < 0) throw new Error(`invalid time format '${text.slice(d + 1)}'`);
  const dayText = text.slice(0, d);
  if (!/^[+-]?\d+$/.test(dayText)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(dayText)}: invalid syntax`);
  const days = Number(dayText);
  return days * 86_400_000 + (days < 0 ? -rest : rest);
}

/** Go's Duration.String for ms, as k6 serialises `delayAbortEval` ("10s", "1m30s", "500ms"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  const trim = (n: number): string => String(Number(n.toFixed(9)));
  if (abs < 1e-3) return `${neg}${trim(abs * 1e6)}ns`;
  if (abs < 1) return `${neg}${trim(abs * 1e3)}µs`;
  if (abs < 1000) return `${neg}${trim(abs)}ms`;
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = trim((abs % 60_000) / 1000);
  return `${neg}${h > 0 ? `${h}h` : ""}${h > 0 || m > 0 ? `${m}m` : ""}${s}s`;
}
