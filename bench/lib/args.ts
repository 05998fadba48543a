// Command-line flags shared by the benches (all optional): their defaults keep each bench under
// about 3 minutes of wall time.
import { parseArgs } from "node:util";

/** Parsed flags; durations in seconds. */
export interface BenchArgs {
  /** Measured seconds per case. */
  duration: number;
  /** Unmeasured seconds of load before each case (JIT, connection pools). */
  warmup: number;
  /** Concurrency levels (connections, or VUs for the runner). */
  connections: number[];
  /** VUs of bench:runner's memory case (--mem-vus; bench:stack has none). */
  memVus: number;
  /** bench:runner's arrival rates for the scheduling case, iterations/s (--rates; bench:stack has none). */
  rates: number[];
  /** Do not write bench/RESULTS.md (a trial run). */
  dryRun: boolean;
}

/** Parses argv; throws a sentence naming the bad flag. */
export function parseBenchArgs(argv: string[], defaults: Omit<BenchArgs, "dryRun" | "memVus" | "rates"> & { memVus?: number; rates?: number[] }): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      "mem-vus": { type: "string" },
      rates: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const num = (flag: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${flag} must be a number ≥ ${min}, got ${JSON.stringify(text)}`);
    return n;
  };
  const connections = values.connections === undefined
    ? defaults.connections
    : values.connections.split(",").map((c) => num("connections", c.trim(), 0, 1));
  if (connections.some((c) => !Number.isInteger(c))) throw new Error(`--connections takes whole numbers such as 16,64, got ${JSON.stringify(values.connections)}`);
  if (values["mem-vus"] !== undefined && defaults.memVus === undefined) throw new Error("--mem-vus is a flag of bench:runner only");
  if (values.rates !== undefined && defaults.rates === undefined) throw new Error("--rates is a flag of bench:runner only");
  const rates = values.rates === undefined ? (defaults.rates ?? []) : values.rates.split(",").map((r) => num("rates", r.trim(), 0, 1));
  if (rates.some((r) => !Number.isInteger(r))) throw new Error(`--rates takes whole iterations/s such as 1000,5000, got ${JSON.stringify(values.rates)}`);
  return {
    duration: num("duration", values.duration, defaults.duration, 1),
    warmup: num("warmup", values.warmup, defaults.warmup, 0),
    connections,
    memVus: Math.round(num("mem-vus", values["mem-vus"], defaults.memVus ?? 0, 2)),
    rates,
    dryRun: values["dry-run"],
  };
}
