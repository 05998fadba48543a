import { parseGoDurationSigned } from "../../contracts/duration.ts";
import { UsageError } from "../errors.ts";
import type { OptionTier, Stage } from "../options/types.ts";

/** What `ai-chaos run` or `inspect` was asked to do, before any script is read. */
export interface CliArgs {
  command: "run" | "inspect" | "help";
  script?: string;
  /** Options set by flags: the highest tier. */
  tier: OptionTier;
  env: Record<string, string>;
  includeSystemEnv: boolean;
  outputs: string[];
  quiet: boolean;
  /** inspect --execution-requirements (k6's flag). */
  executionRequirements: boolean;
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
  "no-setup": { kind: "bool" },
  "no-teardown": { kind: "bool" },
  "user-agent": { kind: "string" },
  quiet: { kind: "bool", short: "q" },
  "include-system-env-vars": { kind: "bool" },
  help: { kind: "bool", short: "h" },
  "execution-requirements": { kind: "bool" },
};
// k6 inspect takes the runtime options (internal/cmd/runtime_options.go) and the global flags, not run's.
const INSPECT_FLAGS = new Set(["env", "include-system-env-vars", "no-thresholds", "summary-export", "quiet", "help", "execution-requirements"]);
const RUN_ONLY = new Set(["execution-requirements"]);
const BY_SHORT = new Map(Object.entries(FLAGS).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])));

function intFlag(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: not an integer`);
  return Number(text);
}

/**
 * A duration flag as k6's pflag Duration reads it (internal/cmd/common.go getNullDuration:
 * time.ParseDuration): Go's grammar, a unit required; a negative value parses and fails validation later.
 */
function durationFlag(text: string, flag: string): number {
  const ms = parseGoDurationSigned(text);
  if (ms === undefined) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: time: invalid duration; use one such as "30s" or "1m30s" (a unit is required)`);
  return ms;
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
  if (bool("help", false) || positional[0] === "help" || positional.length === 0) {
    return { command: "help", tier: {}, env: {}, includeSystemEnv: true, outputs: [], quiet: false, executionRequirements: false };
  }
  const command = positional[0];
  if (command !== "run" && command !== "inspect") throw new UsageError(`unknown command "${command}" for "ai-chaos"; commands: run, inspect`);
  if (positional.length !== 2) throw new UsageError(`accepts 1 arg(s), received ${positional.length - 1}`);
  for (const name of values.keys()) {
    if (command === "inspect" ? !INSPECT_FLAGS.has(name) : RUN_ONLY.has(name)) throw new UsageError(`unknown flag: --${name} (not a flag of "ai-chaos ${command}")`);
  }

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
  if (values.has("no-setup")) tier.noSetup = bool("no-setup", false);
  if (values.has("no-teardown")) tier.noTeardown = bool("no-teardown", false);
  if (one("user-agent") !== undefined) tier.userAgent = one("user-agent");

  const env = Object.fromEntries((values.get("env") ?? []).map((e) => keyValue(e, "env")));
  return {
    command,
    script: positional[1],
    tier,
    env,
    // k6 run passes the system env by default, k6 inspect does not (runtimeOptionFlagSet(true/false)).
    includeSystemEnv: bool("include-system-env-vars", command === "run"),
    outputs: values.get("out") ?? [],
    quiet: bool("quiet", false),
    executionRequirements: bool("execution-requirements", false),
  };
}
