// k6 reads threshold numbers and percentiles with Go's strconv.ParseFloat, which accepts more
// than JS Number() in some places (Inf, NaN, hex floats) and less in others ("", " 1", "1_0").
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

/** Go's error text for a ParseFloat failure, e.g. `strconv.ParseFloat: parsing "x": invalid syntax`. */
function syntaxError(text: string, reason: string): Error {
  return new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: ${reason}`);
}

function parseHex(sign: string, int: string, frac: string, exp: string): number {
  const mantissa = Number.parseInt(int + frac || "0", 16) / 16 ** frac.length;
  return (sign === "-" ? -1 : 1) * mantissa * 2 ** Number(exp);
}

/**
 * Parses `text` as Go's `strconv.ParseFloat(text, 64)` does, throwing its error message
 * ("invalid syntax", or "value out of range" when a finite literal overflows float64).
 */
export function parseGoFloat(text: string): number {
  const special = SPECIAL.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === "nan") {
      if (special[1] !== "") throw syntaxError(text, "invalid syntax");
      return Number.NaN;
    }
    return special[1] === "-" ? -Infinity : Infinity;
  }
  let value: number;
  const hex = HEX.exec(text);
  if (DECIMAL.test(text)) value = Number(text);
  else if (hex && (hex[2] || hex[3])) value = parseHex(hex[1] ?? "", hex[2] ?? "", hex[3] ?? "", hex[4] ?? "0");
  else throw syntaxError(text, "invalid syntax");
  if (!Number.isFinite(value)) throw syntaxError(text, "value out of range");
  return value;
}
