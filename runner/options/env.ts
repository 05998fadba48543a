import { parseGoDurationSigned, quote } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import { k6DurationMs } from "./script.ts";
import type { OptionTier } from "./types.ts";

// A K6_* value that does not parse is invalid config (exit 104): internal/cmd/config.go wraps
// readEnvConfig's error with exitcodes.InvalidConfig.

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new ConfigError(`${name}: ${quote(v)} is not an integer`);
  return Number(v);
}

/** k6 env variables of options the runner does not honour (lib/options.go envconfig tags): refused when set. */
const REFUSED_ENV = [
  "K6_PAUSED", "K6_RPS", "K6_DNS", "K6_HTTP_DEBUG", "K6_INSECURE_SKIP_TLS_VERIFY", "K6_TLS_CIPHER_SUITES", "K6_TLSAUTH",
  "K6_THROW", "K6_BLACKLIST_IPS", "K6_BLOCK_HOSTNAMES", "K6_HOSTS", "K6_NO_CONNECTION_REUSE", "K6_NO_VU_CONNECTION_REUSE",
  "K6_MIN_ITERATION_DURATION", "K6_SYSTEM_TAGS", "K6_TAGS",
];

function envDuration(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  try {
    // types.NullDuration.UnmarshalText: ParseExtendedDuration, so a bare number is ms.
    return k6DurationMs(v, name);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function envBool(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  return v === "true" || v === "1";
}

/** The K6_* environment tier: between script options and CLI flags in precedence. */
export function envTier(env: NodeJS.ProcessEnv): OptionTier {
  const tier: OptionTier = {};
  for (const name of REFUSED_ENV) {
    const v = env[name];
    if (v !== undefined && v !== "" && v !== "false") throw new ConfigError(`${name} is not supported by the Node runner (runner/CONFORMANCE.md lists what is); unset it, or run with k6`);
  }
  const vus = envInt(env, "K6_VUS");
  if (vus !== undefined) tier.vus = vus;
  const durations = { duration: "K6_DURATION", setupTimeout: "K6_SETUP_TIMEOUT", teardownTimeout: "K6_TEARDOWN_TIMEOUT", handleSummaryTimeout: "K6_HANDLE_SUMMARY_TIMEOUT" } as const;
  for (const [key, name] of Object.entries(durations) as [keyof typeof durations, string][]) {
    const ms = envDuration(env, name);
    if (ms !== undefined) tier[key] = ms;
  }
  const iterations = envInt(env, "K6_ITERATIONS");
  if (iterations !== undefined) tier.iterations = iterations;
  if (env.K6_STAGES) {
    tier.stages = env.K6_STAGES.split(",").map((part) => {
      const i = part.lastIndexOf(":");
      const target = Number(part.slice(i + 1));
      // lib.Stage.UnmarshalText (lib/models.go): time.ParseDuration, so the unit is required.
      const duration = i > 0 ? parseGoDurationSigned(part.slice(0, i)) : undefined;
      if (duration === undefined || !Number.isInteger(target)) throw new ConfigError(`K6_STAGES: invalid stage ${quote(part)}; use DURATION:TARGET such as "30s:10"`);
      return { duration, target };
    });
  }
  const noThresholds = envBool(env, "K6_NO_THRESHOLDS");
  if (noThresholds !== undefined) tier.noThresholds = noThresholds;
  if (env.K6_SUMMARY_EXPORT) tier.summaryExport = env.K6_SUMMARY_EXPORT;
  if (env.K6_SUMMARY_TREND_STATS) tier.summaryTrendStats = env.K6_SUMMARY_TREND_STATS.split(",").map((s) => s.trim());
  if (env.K6_SUMMARY_TIME_UNIT) tier.summaryTimeUnit = env.K6_SUMMARY_TIME_UNIT;
  const bools = { discardResponseBodies: "K6_DISCARD_RESPONSE_BODIES", noSetup: "K6_NO_SETUP", noTeardown: "K6_NO_TEARDOWN" } as const;
  for (const [key, name] of Object.entries(bools) as [keyof typeof bools, string][]) {
    const b = envBool(env, name);
    if (b !== undefined) tier[key] = b;
  }
  if (env.K6_USER_AGENT !== undefined) tier.userAgent = env.K6_USER_AGENT;
  return tier;
}
