// Env overrides on top of the named profile, so a k6 user scales a run with `-e RATE=50` instead of
// editing code: RATE, PRE_ALLOCATED_VUS, MAX_VUS, WARM_UP, FAULT_DURATION, RECOVERY. config.ts
// applies them once in init; a bad value stops the run naming the variable, what it accepts and
// what it got. Pure: no k6 imports.
import { formatDuration, parseGoDuration } from "../contracts/duration.ts";
import type { Profile } from "./profiles.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** The variables applyProfileOverrides reads. */
export const OVERRIDE_NAMES = ["RATE", "PRE_ALLOCATED_VUS", "MAX_VUS", "WARM_UP", "FAULT_DURATION", "RECOVERY"] as const;

/** The overrides `env` sets, by name (blank values are unset), in OVERRIDE_NAMES order. */
export function overridesSet(env: Env): Record<string, string> {
  const set = OVERRIDE_NAMES.map((name) => [name, env[name]?.trim() ?? ""] as const).filter(([, value]) => value !== "");
  return Object.fromEntries(set);
}

/**
 * `base` with the overrides `env` sets; `base` itself is never changed. VU numbers not set are
 * derived per scenario from the rate, the SLO latency and the profile's vusMax
 * (lib/scenario-spec.ts loadPool); one you set is kept as is.
 */
export function applyProfileOverrides(base: Profile, env: Env): Profile {
  const set = overridesSet(env);
  const given = (name: (typeof OVERRIDE_NAMES)[number]): string | undefined => set[name];
  const whole = (name: (typeof OVERRIDE_NAMES)[number], what: string): number | undefined => {
    const text = given(name);
    if (text === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text))) throw new Error(`${name} must be ${what}; got "${text}"`);
    return Number(text);
  };
  const duration = (name: (typeof OVERRIDE_NAMES)[number], fallback: number): number => {
    const text = given(name);
    if (text === undefined) return fallback;
    const ms = parseGoDuration(text);
    if (ms === undefined || Math.round(ms) < 1) throw new Error(`${name} must be a k6 duration of at least 1ms such as "30s", "2m", "1m30s" or "500ms"; got "${text}"`);
    return Math.round(ms);
  };

  const rate = whole("RATE", "a whole number of iterations per second, at least 1 (k6 arrival rates are integers)");
  const pre = whole("PRE_ALLOCATED_VUS", "a whole number of VUs, at least 1");
  const max = whole("MAX_VUS", "a whole number of VUs, at least 1");
  if (pre !== undefined && max !== undefined && max < pre) {
    throw new Error(`MAX_VUS (${max}) must be at least PRE_ALLOCATED_VUS (${pre}): k6 starts the pre-allocated VUs up front and never exceeds maxVUs`);
  }

  const warmUp = duration("WARM_UP", base.warmUp);
  const fault = duration("FAULT_DURATION", base.fault);
  const recovery = duration("RECOVERY", base.recovery);
  if (base.lead > warmUp) {
    throw new Error(`WARM_UP (${formatDuration(warmUp)}) is shorter than the ${base.name} profile's lead (${formatDuration(base.lead)}): requests sent that long before the fault count as "during", so WARM_UP must be at least ${formatDuration(base.lead)}`);
  }
  if (base.settle > recovery) {
    throw new Error(`RECOVERY (${formatDuration(recovery)}) is shorter than the ${base.name} profile's settle (${formatDuration(base.settle)}): requests that long after the fault still count as "during", so RECOVERY must be at least ${formatDuration(base.settle)}`);
  }
  return { ...base, rate: rate ?? base.rate, ...(pre === undefined ? {} : { preAllocatedVUs: pre }), ...(max === undefined ? {} : { maxVUs: max }), warmUp, fault, recovery };
}
