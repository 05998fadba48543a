import { parseGoFloat } from "../metrics/go-float.ts";
import type { MetricType } from "../metrics/types.ts";

/** A threshold's aggregation method; `p` is a percentile with its number kept apart. */
export type Aggregation = "value" | "count" | "rate" | "avg" | "min" | "med" | "max" | "p";
/** The comparison operators k6 accepts. */
export type Operator = "<=" | "<" | ">=" | ">" | "===" | "==" | "!=";

/** A parsed `aggregation operator number` expression. */
export interface ThresholdExpression {
  method: Aggregation;
  /** The N of `p(N)`, in [0, 100]. */
  percentile?: number;
  operator: Operator;
  value: number;
  /** Key of the aggregate in the threshold sink map (`p(99.9)` for `p(99.90)`). */
  sinkKey: string;
}

// Order matters: k6 tries each in turn and splits at the first match with a non-empty right side.
const OPERATORS: readonly Operator[] = ["<=", "<", ">=", ">", "===", "==", "!="];
const METHODS: readonly Aggregation[] = ["value", "count", "rate", "avg", "min", "med", "max", "p"];

/** Aggregations each metric type allows, in k6's order (used in its error message). */
export const SUPPORTED_AGGREGATIONS: Readonly<Record<MetricType, readonly Aggregation[]>> = {
  counter: ["count", "rate"],
  gauge: ["value"],
  rate: ["rate"],
  trend: ["avg", "min", "max", "med", "p"],
};

function parseMethod(text: string): { method: Aggregation; percentile?: number } {
  const plain = METHODS.find((m) => m === text);
  if (plain) return { method: plain };
  if (!text.startsWith("p(") || !text.endsWith(")")) throw new Error("failed parsing method from expression");
  let p: number;
  try {
    p = parseGoFloat(text.slice(2, -1));
  } catch (err) {
    throw new Error(`malformed percentile value; reason: ${(err as Error).message}`);
  }
  if (Number.isNaN(p) || p < 0 || p > 100) throw new Error("malformed percentile value, provide a number between 0 and 100");
  return { method: "p", percentile: p };
}

/**
 * The key k6 gives a percentile in threshold sinks: `p(%g)` of the parsed number, so
 * `p(99.90)` and `p(99.9)` share `p(99.9)`. Go's `%g` switches to an exponent below 1e-4
 * (`p(1e-05)`); percentiles never reach the 1e21 where JS would.
 */
export function percentileKey(p: number): string {
  if (p !== 0 && Math.abs(p) < 1e-4) {
    const [mantissa, exp = "0"] = p.toExponential().split("e");
    const sign = exp.startsWith("-") ? "-" : "+";
    return `p(${mantissa}e${sign}${exp.replace(/^[-+]/, "").padStart(2, "0")})`;
  }
  return `p(${String(p)})`;
}

/** Parses one threshold expression with k6's grammar; throws k6's messages. */
export function parseThresholdExpression(source: string): ThresholdExpression {
  const q = JSON.stringify(source);
  let split: [string, Operator, string] | undefined;
  for (const op of OPERATORS) {
    const at = source.indexOf(op);
    if (at !== -1 && at + op.length < source.length) {
      split = [source.slice(0, at).trim(), op, source.slice(at + op.length).trim()];
      break;
    }
  }
  if (!split) throw new Error(`failed parsing threshold expression ${q}; reason: malformed threshold expression`);
  const [left, operator, right] = split;
  let method: { method: Aggregation; percentile?: number };
  try {
    method = parseMethod(left);
  } catch (err) {
    throw new Error(`failed parsing threshold expression's ${q} left hand side; reason: ${(err as Error).message}`);
  }
  let value: number;
  try {
    value = parseGoFloat(right);
  } catch (err) {
    // "expresion's" is k6's spelling.
    throw new Error(`failed parsing threshold expresion's ${q} right hand side; reason: ${(err as Error).message}`);
  }
  const sinkKey = method.method === "p" ? percentileKey(method.percentile ?? 0) : method.method;
  return { ...method, operator, value, sinkKey };
}

/** Applies the operator; `==` and `===` are the same on numbers. */
export function compare(lhs: number, op: Operator, rhs: number): boolean {
  switch (op) {
    case "<=":
      return lhs <= rhs;
    case "<":
      return lhs < rhs;
    case ">=":
      return lhs >= rhs;
    case ">":
      return lhs > rhs;
    case "===":
    case "==":
      return lhs === rhs;
    case "!=":
      return lhs !== rhs;
  }
}
