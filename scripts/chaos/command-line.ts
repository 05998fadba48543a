// `npm run chaos -- [flags]`: the command line, its help, and everything decided before anything
// starts (preflight): flags, the selected scenarios, the profile with its env overrides (RATE,
// WARM_UP, …, which every scenario reads too), the engine. Every mistake is a UsageError (exit 2)
// naming what is accepted, and nothing has been built, started or written.
import { applyProfileOverrides, overridesSet } from "../../lib/profile-overrides.ts";
import { PROFILE_NAMES, profileNamed, type Profile, type ProfileName } from "../../lib/profiles.ts";
import { parseFragility } from "../../stack/gateway/fragility.ts";
import { CATEGORIES, discoverScenarios, isCategory, selectScenarios, type Category, type ScenarioEntry } from "./catalogue.ts";
import { detectEngine, ENGINE_MODES, type Engine, type EngineMode } from "./engine.ts";
import { UsageError } from "./usage-error.ts";

/** `npm run chaos -- --help`. */
export const HELP = `Usage: npm run chaos -- [flags]
       npm run chaos -- --inspect NAME [--profile NAME]

Builds the scenarios, starts the local stack (unless BASE_URL is set), runs each scenario in
turn with k6 (on PATH or K6_BIN) or the bundled Node runner, prints a verdict table and writes
reports/<run>/ (report.md, junit.xml, index.html, run.json, each scenario's summary.json).

Flags:
  --scenario NAME   run this scenario (repeatable, or a comma list); default: all
  --category NAME   run this category (repeatable): ${CATEGORIES.join(", ")}
  --profile NAME    load profile: ${PROFILE_NAMES.join(", ")} (default smoke)
  --fragile LIST    fragility switches for the local stack, e.g. --fragile=fallback,retries
  --engine MODE     auto (default: k6 if found, else the Node runner), k6, node
  --out-dir DIR     where run folders go (default reports)
  --inspect NAME    print the scenario's resolved plan (timeline, k6 scenarios, thresholds with
                    their SLO keys, faults) at --profile and the env overrides; runs nothing
  -h, --help        this text

Env: BASE_URL (a target of your own: no local stack), FAULTS_URL, K6_BIN, and anything the
scenarios read (API_KEY, MODEL, SLO_FILE, SKIP_FAULTS, RATE, WARM_UP...), passed through.

Exit (the worst wins): 2 bad command line · 105 interrupted · 1 a scenario errored (or the
build/stack did) · 99 a scenario breached thresholds · 3 a scenario was inconclusive (its fault
landed on nothing) · 0 every scenario passed.
`;

/** A validated command line. */
export interface ChaosArgs {
  help: boolean;
  scenarios: string[];
  categories: Category[];
  profile: ProfileName;
  fragile: string[];
  engine: EngineMode;
  outDir: string;
  /** `--inspect NAME`: print that scenario's plan instead of running anything. */
  inspect?: string;
}

type FlagName = "scenario" | "category" | "profile" | "fragile" | "engine" | "out-dir" | "inspect";
const VALUE_FLAGS: readonly FlagName[] = ["scenario", "category", "profile", "fragile", "engine", "out-dir", "inspect"];
const REPEATABLE: readonly FlagName[] = ["scenario", "category"];
// What a plan depends on; the rest only shapes a run.
const INSPECT_TAKES: readonly FlagName[] = ["inspect", "profile"];

function oneOf<T extends string>(flag: string, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} "${value}" is not accepted; use one of: ${accepted.join(", ")}`);
}

/** Splits repeatable values on commas too, so `--scenario a,b` equals `--scenario a --scenario b`. */
const list = (values: string[]): string[] => values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);

/** Parses argv (after `npm run chaos --`); throws UsageError naming the accepted flags or values. */
export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  const seen = new Map<FlagName, string[]>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") { help = true; continue; }
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"; flags are --${VALUE_FLAGS.join(", --")}, --help`);
    const eq = arg.indexOf("=");
    const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as FlagName;
    if (!VALUE_FLAGS.includes(name)) throw new UsageError(`unknown flag "${arg}"; accepted: --${VALUE_FLAGS.join(", --")}, --help`);
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    value = value.trim();
    if (seen.has(name) && !REPEATABLE.includes(name)) throw new UsageError(`--${name} is given twice; it takes one value`);
    seen.set(name, [...(seen.get(name) ?? []), value]);
  }
  const last = (name: FlagName): string | undefined => seen.get(name)?.at(-1);

  const inspect = last("inspect");
  if (inspect !== undefined) {
    if (inspect === "" || inspect.includes(",")) throw new UsageError(`--inspect takes one scenario name; got "${inspect}"`);
    const extra = [...seen.keys()].filter((f) => !INSPECT_TAKES.includes(f));
    if (extra.length > 0) throw new UsageError(`--inspect prints one scenario's plan and takes only --profile; drop --${extra.join(", --")}`);
  }
  const categories = list(seen.get("category") ?? []).map((c) => {
    if (!isCategory(c)) throw new UsageError(`unknown category "${c}"; categories are: ${CATEGORIES.join(", ")}`);
    return c;
  });
  const fragileText = last("fragile") ?? "";
  try {
    parseFragility(fragileText);
  } catch (err) {
    throw new UsageError(`--fragile: ${(err as Error).message}`);
  }
  const outDir = last("out-dir") ?? "reports";
  if (outDir === "") throw new UsageError("--out-dir needs a folder path");
  return {
    help,
    scenarios: [...new Set(list(seen.get("scenario") ?? []))],
    categories: [...new Set(categories)],
    profile: oneOf("profile", last("profile") ?? "smoke", PROFILE_NAMES),
    fragile: list([fragileText]),
    engine: oneOf("engine", last("engine") ?? "auto", ENGINE_MODES),
    outDir,
    ...(inspect === undefined ? {} : { inspect }),
  };
}

/** What the selected scenarios will run with. */
interface Resolved {
  args: ChaosArgs;
  selected: ScenarioEntry[];
  /** `--profile` with the env overrides applied: the timeline each scenario will run. */
  profile: Profile;
  /** The overrides the env sets (RATE=…), handed to each engine as -e flags. */
  overrides: Record<string, string>;
}

/** What the command line asks for, validated: help, one scenario's plan, or a run with its engine. */
export type Preflight = { mode: "help" } | ({ mode: "inspect"; entry: ScenarioEntry } & Resolved) | ({ mode: "run"; engine: Engine } & Resolved);

/** Parses and validates `argv` against the catalogue and env. Throws UsageError. */
export async function preflight(argv: readonly string[], opts: { root: string; scenariosDir: string; env: NodeJS.ProcessEnv; warn: (line: string) => void }): Promise<Preflight> {
  const args = parseChaosArgs(argv);
  if (args.help) return { mode: "help" };
  if (args.fragile.length > 0 && opts.env.BASE_URL?.trim()) {
    throw new UsageError("--fragile switches the local stack's gateway, but BASE_URL is set (no local stack); unset one of them");
  }
  const catalogue = discoverScenarios(opts.scenariosDir, opts.warn);
  const selected = args.inspect === undefined ? selectScenarios(catalogue, args.scenarios, args.categories) : selectScenarios(catalogue, [args.inspect], []);
  let profile: Profile;
  try {
    profile = applyProfileOverrides(profileNamed(args.profile), opts.env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const resolved: Resolved = { args, selected, profile, overrides: overridesSet(opts.env) };
  if (args.inspect !== undefined) return { mode: "inspect", entry: selected[0]!, ...resolved };
  return { mode: "run", engine: await detectEngine(args.engine, opts.env, opts.root), ...resolved };
}
