// Named load profiles (PROFILE=smoke|load|stress|soak): scale comes from here, never from
// editing a scenario. Every scenario's timeline is warm-up → fault window → recovery window;
// the `disrupt` tracks start at the end of warm-up. The timeline also gives each request its
// `phase` tag, so thresholds judge steady state (`before`, `after`), degradation (`during`) and
// recovery separately. Pure: no k6 imports (lib/test-clock.ts passes the elapsed time).
import type { Phase } from "../contracts/names.ts";

/** The profile names PROFILE accepts. */
export const PROFILE_NAMES = ["smoke", "load", "stress", "soak"] as const;

/** One of PROFILE_NAMES. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** A named load shape and fault timeline. All durations in milliseconds. */
export interface Profile {
  name: ProfileName;
  /** Arrival rate of the `load` scenario, iterations (requests) per second. */
  rate: number;
  /**
   * The most VUs one run may hold, all its scenarios together (k6's `vus_max`): k6 needs about
   * 3 MB per VU, so this bounds the memory a run needs on k6. The `load` pool gets what the
   * probe, disrupt and surge scenarios leave (lib/scenario-spec.ts loadPool).
   */
  vusMax: number;
  /** PRE_ALLOCATED_VUS / MAX_VUS when set: the `load` pool as given, instead of derived. */
  preAllocatedVUs?: number;
  maxVUs?: number;
  /** Steady state before the fault (phase `before`); the fault starts when it ends. */
  warmUp: number;
  /** How long the fault is held (the lease given to the fault backend). */
  fault: number;
  /**
   * Requests sent this long before the fault starts are still in flight when it lands, so they
   * count as `during` (a request cut by a pod kill says nothing about the steady state before).
   */
  lead: number;
  /** Grace after the fault ends that still counts as `during`: breakers need their half-open interval. */
  settle: number;
  /** From the fault's end to the end of the test: settle, then steady state again (phase `after`). */
  recovery: number;
}

/**
 * The profiles. `smoke` is what CI runs, sized so that chance alone cannot decide a verdict: every
 * judged phase carries at least 500 workload requests (120/s × 5 s before, 12 s during, 5 s
 * after; thresholds/README.md gives each rate threshold's odds of a wrong verdict at these
 * counts), within 400 VUs (~1.2 GB on k6), and one scenario takes 22 s, so the default
 * `npm run chaos` stays under 8 minutes. The others are for real targets: load 1,000 VUs
 * (~3 GB on k6), stress 2,000 (~6 GB), soak 400 (~1.2 GB).
 */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  smoke: { name: "smoke", rate: 120, vusMax: 400, warmUp: 6_000, lead: 1_000, fault: 8_000, settle: 3_000, recovery: 8_000 },
  load: { name: "load", rate: 50, vusMax: 1_000, warmUp: 30_000, lead: 5_000, fault: 60_000, settle: 10_000, recovery: 60_000 },
  stress: { name: "stress", rate: 200, vusMax: 2_000, warmUp: 30_000, lead: 5_000, fault: 60_000, settle: 10_000, recovery: 60_000 },
  soak: { name: "soak", rate: 20, vusMax: 400, warmUp: 300_000, lead: 5_000, fault: 1_800_000, settle: 30_000, recovery: 1_500_000 },
};

/** The profile called `name`, as defined (the run's overrides are applied by lib/config.ts); throws a sentence listing the accepted names otherwise. */
export function profileNamed(name: string): Profile {
  const profile = (PROFILES as Record<string, Profile | undefined>)[name];
  if (!profile) throw new Error(`PROFILE must be one of ${PROFILE_NAMES.join(", ")}; got "${name}"`);
  return profile;
}

/** Total length of the `load` scenario in milliseconds: warm-up + fault + recovery. */
export function totalDuration(profile: Profile): number {
  return profile.warmUp + profile.fault + profile.recovery;
}

/** The fault timeline in milliseconds since the `load` scenario started. */
export interface FaultWindow {
  /** When `during` starts: the end of warm-up less the profile's lead (requests still in flight when the fault lands). */
  start: number;
  /** When requests count as `after` again: fault end + settle. */
  end: number;
}

/** The fault window of a profile: [warmUp − lead, warmUp + fault + settle). */
export function faultWindow(profile: Profile): FaultWindow {
  return { start: profile.warmUp - profile.lead, end: profile.warmUp + profile.fault + profile.settle };
}

/** The phase of a request sent `elapsedMs` after the `load` scenario started. */
export function phaseAt(elapsedMs: number, window: FaultWindow): Phase {
  if (elapsedMs < window.start) return "before";
  if (elapsedMs < window.end) return "during";
  return "after";
}

/**
 * When scenario `name` starts, ms after the test's start: the `disrupt*` tracks and the `surge`
 * (lib/surge.ts) at the fault, every other scenario (`load`, `probe`, the upstream `sampler`) at once. One rule for the `startTime` the
 * options give and for the test clock that tags requests with their phase.
 */
export function scenarioStartMs(name: string, profile: Profile): number {
  return name.startsWith("disrupt") || name === "surge" ? profile.warmUp : 0;
}
