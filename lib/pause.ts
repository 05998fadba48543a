// Pauses for async iterations: `await pause(ms)` instead of `sleep()`, which blocks the VU and
// which the Node runner rejects. Uses k6/timers so it runs the same on k6 and on the runner.
import { setTimeout } from "k6/timers";

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });
}
