// The rate-limits scenario's timeline. Over the fault window the primary provider answers 429 with
// Retry-After (the fault controller's injected 429 carries `Retry-After: 1`) first to a share of
// its requests, then to all of them; in the last part the secondary does too, so every provider
// limits. Each request is tagged `limited` by when it was sent: `primary` while only the primary
// limits (the fallback must serve it), `all` while both do (it must get a fast 429 with
// Retry-After), `none` otherwise. Pure: no k6 imports.
import type { Target } from "./faults/model.ts";
import { httpFault, wait, type Track } from "./faults/tracks.ts";
import type { Profile } from "./profiles.ts";

/** The share of the primary's requests limited first (few enough that its breaker stays closed: 8 failures in a row are ~1 in 15,000 runs of 8). */
export const LIMITED_SHARE = 0.3;

/** Parts of the fault window, in eighths: the primary limits a share, then everything; the secondary joins for the last part. */
const SHARE_EIGHTHS = 3;
const PRIMARY_ONLY_EIGHTHS = 5;

/** When each part starts and ends, ms from the test's start. */
export interface LimitWindows {
  /** The primary limits a share of its requests: [start, shareEnd). */
  start: number;
  shareEnd: number;
  /** Every provider limits: [allFrom, end). */
  allFrom: number;
  end: number;
}

/** The windows of the profile's fault. */
export function limitWindows(profile: Profile): LimitWindows {
  const eighth = profile.fault / 8;
  const start = profile.warmUp;
  return { start, shareEnd: start + SHARE_EIGHTHS * eighth, allFrom: start + PRIMARY_ONLY_EIGHTHS * eighth, end: start + profile.fault };
}

/** The fault tracks: the primary's 429s (a share, then all), and the secondary's once its part comes. */
export function rateLimitTracks(primary: Target, secondary: Target, profile: Profile): Track[] {
  const w = limitWindows(profile);
  return [
    [httpFault(primary, { errorRate: LIMITED_SHARE, errorCode: 429 }, w.shareEnd - w.start), httpFault(primary, { errorRate: 1, errorCode: 429 })],
    [wait(secondary, w.allFrom - w.start), httpFault(secondary, { errorRate: 1, errorCode: 429 })],
  ];
}

/** Which providers limit a request sent `elapsedMs` after the test's start: the `limited` tag. */
export function limitedAt(elapsedMs: number, w: LimitWindows): "none" | "primary" | "all" {
  if (elapsedMs < w.start || elapsedMs >= w.end) return "none";
  return elapsedMs < w.allFrom ? "primary" : "all";
}
