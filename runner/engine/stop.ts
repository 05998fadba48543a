/** Why the test stopped early; each maps to k6's exit code. */
export type StopReason = "script-abort" | "threshold-abort" | "signal";

/**
 * The test-wide stop switch: executors' sleeps resolve at once when it flips, so every
 * scenario ends and interrupts its iterations (k6 cancels the run context).
 */
export class TestStop {
  reason: StopReason | undefined;
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  /** Stops the test; the first reason wins. */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.wakeAll();
  }

  /** Resolves after `ms`, or as soon as the test stops. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleepers.delete(entry);
          resolve();
        }, Math.max(0, ms)),
        resolve,
      };
      this.sleepers.add(entry);
    });
  }

  /** Resolves every pending sleep now (stop, or end of test: no stray timers left). */
  wakeAll(): void {
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.sleepers.clear();
  }
}
