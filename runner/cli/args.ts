import { UsageError } from "../errors.ts";
import { durationFlag } from "../options/duration.ts";
import type { OptionTier, Stage } from "../options/types.ts";

/** What `ai-chaos run` was asked to do, before any script is read. */
export interface CliArgs {
  command: "run" | "help";
  script?: string;
  /** Options set by flags: the highest tier. */
  tier: OptionTier;
  env: Record<string, string>;
  includeSystemEnv: boolean;
  outputs: string[];
  quiet: boolean;
}

type Kind = "string" | "list" | "bool";
const FLAGS: Record<string, { kind: Kind; short?: string }> = {
  env: { kind: "list", short: "e" },
  vus: { kind: "string", short: "u" },
  duration: { kind: "string", short: "d" },
  iterations: { kind: "string", short: "i" },
  stage: { kind: "list", short: "s" },
  tag: { kind: "list" },
  "summary-export": { kind: "string" },
  "summary-trend-stats": { kind: "string" },
  out: { kind: "list", short: "o" },
  "no-thresholds": { kind: "bool" },
  quiet: { kind: "bool", short: "q" },
  "include-system-env-vars": { kind: "bool" },
  help: { kind: "bool", short: "h" },
};
const BY_SHORT = new Map(Object.entries(FLAGS).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])));

function intFlag(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: not an integer`);
  return Number(text);
}

function keyValue(text: string, flag: string): [string, string] {
  const i = text.indexOf("=");
  if (i <= 0) throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: expected KEY=VALUE`);
  return [text.slice(0, i), text.slice(i + 1)];
}

/** Parses `--stage 30s:10` values (repeatable, comma-separated as k6's string slice). */
function parseStageFlag(values: string[]): Stage[] {
  return values.flatMap((v) => v.split(",")).map((part) => {
    const i = part.lastIndexOf(":");
    if (i <= 0) throw new UsageError(`invalid argument "${part}" for "--stage" flag: expected DURATION:TARGET`);
    return { duration: durationFlag(part.slice(0, i), "--stage"), target: intFlag(part.slice(i + 1), "stage") };
  });
}

/** Parses argv (without node and the bin path) the way k6's cobra/pflag command line does. */
export function parseArgs(argv: string[]): CliArgs {
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") { positional.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith("-") || arg === "-") { positional.push(arg); continue; }
    const long = arg.startsWith("--");
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = long ? rawName : (BY_SHORT.get(rawName) ?? "");
    const spec = FLAGS[name];
    if (!spec) throw new UsageError(`unknown ${long ? "flag" : "shorthand flag"}: '${rawName}' in ${arg}`);
    let value: string;
    if (spec.kind === "bool") value = eq >= 0 ? body.slice(eq + 1) : "true";
    else if (eq >= 0) value = body.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
      value = next;
      i++;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (n: string) => values.get(n)?.at(-1);
  const bool = (n: string, dflt: boolean) => {
    const v = one(n);
    if (v === undefined) return dflt;
    if (v !== "true" && v !== "false") throw new UsageError(`invalid argument "${v}" for "--${n}" flag`);
    return v === "true";
  };
  if (bool("help", false) || positional[0] === "help" || positional.length === 0) return { command: "help", tier: {}, env: {}, includeSystemEnv: true, outputs: [], quiet: false };
  if (positional[0] !== "run") throw new UsageError(`unknown command "${positional[0]}" for "ai-chaos"`);
  if (positional.length !== 2) throw new UsageError(`accepts 1 arg(s), received ${positional.length - 1}`);

  const tier: OptionTier = {};
  const vus = one("vus"), duration = one("duration"), iterations = one("iterations");
  if (vus !== undefined) tier.vus = intFlag(vus, "vus");
  if (duration !== undefined) tier.duration = durationFlag(duration, "--duration");
  if (iterations !== undefined) tier.iterations = intFlag(iterations, "iterations");
  if (values.has("stage")) tier.stages = parseStageFlag(values.get("stage") ?? []);
  if (values.has("tag")) tier.tags = Object.fromEntries((values.get("tag") ?? []).map((t) => keyValue(t, "tag")));
  if (one("summary-export") !== undefined) tier.summaryExport = one("summary-export");
  const trend = one("summary-trend-stats");
  if (trend !== undefined) tier.summaryTrendStats = trend.split(",").map((s) => s.trim()).filter(Boolean);
  if (values.has("no-thresholds")) tier.noThresholds = bool("no-thresholds", false);

  const env = Object.fromEntries((values.get("env") ?? []).map((e) => keyValue(e, "env")));
  return {
    command: "run",
    script: positional[1],
    tier,
    env,
    includeSystemEnv: bool("include-system-env-vars", true),
    outputs: values.get("out") ?? [],
    quiet: bool("quiet", false),
  };
}
