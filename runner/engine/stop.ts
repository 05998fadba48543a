/** Why the test stopped early; each maps to k6's exit code. */
export type StopReason = "script-abort" | "threshold-abort" | "signal" | "unsupported";

/**
 * The test-wide stop switch: executors' sleeps resolve at once when it flips, so every
 * scenario ends and interrupts its iterations (k6 cancels the run context).
 */
export class TestStop {
  reason: StopReason | undefined;
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly waiters: (() => void)[] = [];

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  /** Stops the test; the first reason wins. */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.wakeAll();
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when the test stops (at once if it has). */
  whenStopped(): Promise<void> {
    return this.stopped ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
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
