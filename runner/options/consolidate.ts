import { ConfigError } from "../errors.ts";
import type { OptionTier } from "./types.ts";

const EXECUTION_KEYS = ["duration", "iterations", "stages", "scenarios"] as const;

/**
 * Applies `upper` over `lower` with k6's rule (lib/options.go Apply): a tier that sets any of
 * duration, iterations, stages or scenarios replaces all four from lower tiers, so that
 * `--duration` on the command line overrides the script's scenarios.
 */
export function applyTier(lower: OptionTier, upper: OptionTier): OptionTier {
  const out: OptionTier = { ...lower };
  if (EXECUTION_KEYS.some((k) => upper[k] !== undefined)) for (const k of EXECUTION_KEYS) delete out[k];
  for (const [k, v] of Object.entries(upper)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Derives the scenarios from the shortcut options as k6 does
 * (execution_config_shortcuts.go); conflicting shortcuts are invalid config (exit 104).
 */
export function deriveScenarios(o: OptionTier, warn: (msg: string) => void): Record<string, unknown> {
  const set = (["duration", "iterations", "stages"] as const).filter((k) => o[k] !== undefined);
  if (o.scenarios !== undefined) {
    if (set.length > 0) throw new ConfigError(`using multiple execution config shortcuts (${set.join(", ")}) simultaneously with scenarios is not allowed`);
    if (o.vus !== undefined) warn("the vus option is ignored because scenarios are configured");
    return o.scenarios;
  }
  if (o.iterations !== undefined) {
    if (o.stages !== undefined) throw new ConfigError("using multiple execution config shortcuts (iterations, stages) simultaneously is not allowed");
    return {
      default: {
        executor: "shared-iterations", vus: o.vus ?? 1, iterations: o.iterations,
        ...(o.duration !== undefined ? { maxDuration: o.duration } : {}),
      },
    };
  }
  if (o.duration !== undefined) {
    if (o.stages !== undefined) throw new ConfigError("using multiple execution config shortcuts (duration, stages) simultaneously is not allowed");
    if (o.duration <= 0) throw new ConfigError("executor default: the duration should be more than 0");
    return { default: { executor: "constant-vus", vus: o.vus ?? 1, duration: o.duration } };
  }
  if (o.stages !== undefined) {
    return { default: { executor: "ramping-vus", startVUs: o.vus ?? 1, stages: o.stages } };
  }
  if (o.vus !== undefined) return { default: { executor: "shared-iterations", vus: o.vus, iterations: o.vus } };
  return { default: { executor: "per-vu-iterations", vus: 1, iterations: 1 } };
}
