// Everything decided before anything starts: flags, the selected scenarios, the engine, the
// profile with its env overrides (RATE, WARM_UP, …, which every scenario reads too). Any mistake
// here is a UsageError (exit 2) and nothing has been built, started or written.
import { parseChaosArgs, type ChaosArgs } from "./args.ts";
import { discoverScenarios, selectScenarios } from "./catalogue.ts";
import { applyProfileOverrides, overridesSet } from "../../lib/profile-overrides.ts";
import { profileNamed, type Profile } from "../../lib/profiles.ts";
import { detectEngine, type Engine } from "./engine.ts";
import type { ScenarioEntry } from "./types.ts";
import { UsageError } from "./usage-error.ts";

/** A run that may start. */
export interface Plan {
  args: ChaosArgs;
  selected: ScenarioEntry[];
  engine: Engine;
  /** `--profile` with the env overrides applied: the timeline each scenario will run. */
  profile: Profile;
  /** The overrides the env sets (RATE=…), handed to each engine as -e flags. */
  overrides: Record<string, string>;
}

/** Parses and validates; undefined for --help. Throws UsageError. */
export async function preflight(argv: readonly string[], opts: { root: string; scenariosDir: string; env: NodeJS.ProcessEnv; warn: (line: string) => void }): Promise<Plan | undefined> {
  const args = parseChaosArgs(argv);
  if (args.help) return undefined;
  if (args.fragile.length > 0 && opts.env.BASE_URL?.trim()) {
    throw new UsageError("--fragile switches the local stack's gateway, but BASE_URL is set (no local stack); unset one of them");
  }
  const selected = selectScenarios(discoverScenarios(opts.scenariosDir, opts.warn), args.scenarios, args.categories);
  let profile: Profile;
  try {
    profile = applyProfileOverrides(profileNamed(args.profile), opts.env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const engine = await detectEngine(args.engine, opts.env, opts.root);
  return { args, selected, engine, profile, overrides: overridesSet(opts.env) };
}
