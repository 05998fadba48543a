import { performance } from "node:perf_hooks";

// Sample timestamps are wall-clock ms, as k6's; the hot path has a performance.now() reading at
// hand. The offset between the two clocks is read again once a second, so that a wall-clock
// step (NTP) shows within a second, and no sample costs a Date.now() call.
let offset = Date.now() - performance.now();
let checkedAt = performance.now();

/** The wall-clock time (unix ms) of the performance.now() reading `perfMs`. */
export function sampleTime(perfMs: number): number {
  if (perfMs - checkedAt > 1000) {
    const now = performance.now();
    offset = Date.now() - now;
    checkedAt = now;
  }
  return offset + perfMs;
}
