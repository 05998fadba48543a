// The `phase` tag: which part of the fault timeline a request falls in, so thresholds judge
// steady state (`before`, `after`), degradation (`during`) and recovery separately.
// Pure: the k6 side passes the elapsed time (see lib/test-clock.ts).
import type { Phase } from "../contracts/names.ts";
import type { Profile } from "./profiles.ts";

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
