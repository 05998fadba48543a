// `npm run chaos -- [flags]`: parsed and validated before anything starts. Every mistake is a
// UsageError naming what is accepted. Scenario names are checked later against the catalogue.
import { PROFILE_NAMES, type ProfileName } from "../../lib/profiles.ts";
import { parseFragility } from "../../stack/gateway/fragility.ts";
import { CATEGORIES, isCategory, type Category } from "./categories.ts";
import { UsageError } from "./usage-error.ts";

/** Which engine to run scenarios with; `auto` prefers k6 when one is found. */
export const ENGINE_MODES = ["auto", "k6", "node"] as const;
/** One of ENGINE_MODES. */
export type EngineMode = (typeof ENGINE_MODES)[number];

/** A validated command line. */
export interface ChaosArgs {
  help: boolean;
  scenarios: string[];
  categories: Category[];
  profile: ProfileName;
  fragile: string[];
  engine: EngineMode;
  outDir: string;
}

type FlagName = "scenario" | "category" | "profile" | "fragile" | "engine" | "out-dir";
const VALUE_FLAGS: readonly FlagName[] = ["scenario", "category", "profile", "fragile", "engine", "out-dir"];
const REPEATABLE: readonly FlagName[] = ["scenario", "category"];

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
  };
}
