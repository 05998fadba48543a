import { UsageError } from "../errors.ts";
import { durationFlag } from "./duration.ts";
import type { OptionTier } from "./types.ts";

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`${name}: "${v}" is not an integer`);
  return Number(v);
}

function envBool(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  return v === "true" || v === "1";
}

/** The K6_* environment tier: between script options and CLI flags in precedence. */
export function envTier(env: NodeJS.ProcessEnv): OptionTier {
  const tier: OptionTier = {};
  const vus = envInt(env, "K6_VUS");
  if (vus !== undefined) tier.vus = vus;
  if (env.K6_DURATION) tier.duration = durationFlag(env.K6_DURATION, "K6_DURATION");
  const iterations = envInt(env, "K6_ITERATIONS");
  if (iterations !== undefined) tier.iterations = iterations;
  if (env.K6_STAGES) {
    tier.stages = env.K6_STAGES.split(",").map((part) => {
      const i = part.lastIndexOf(":");
      const target = Number(part.slice(i + 1));
      if (i <= 0 || !Number.isInteger(target)) throw new UsageError(`K6_STAGES: invalid stage "${part}"`);
      return { duration: durationFlag(part.slice(0, i), "K6_STAGES"), target };
    });
  }
  const noThresholds = envBool(env, "K6_NO_THRESHOLDS");
  if (noThresholds !== undefined) tier.noThresholds = noThresholds;
  if (env.K6_SUMMARY_EXPORT) tier.summaryExport = env.K6_SUMMARY_EXPORT;
  if (env.K6_SUMMARY_TREND_STATS) tier.summaryTrendStats = env.K6_SUMMARY_TREND_STATS.split(",").map((s) => s.trim());
  if (env.K6_SUMMARY_TIME_UNIT) tier.summaryTimeUnit = env.K6_SUMMARY_TIME_UNIT;
  const discard = envBool(env, "K6_DISCARD_RESPONSE_BODIES");
  if (discard !== undefined) tier.discardResponseBodies = discard;
  return tier;
}
