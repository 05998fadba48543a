// The recovery loop: after a fault ends, probe until the service serves again or a deadline
// passes. Pure (probe, clock and pause are injected), so it is unit-tested without k6;
// lib/probes.ts wires it to real probes and records `ai_recovery_seconds`.

/** What the loop needs from its engine. */
export interface RecoveryDeps {
  /** One attempt: resolves true when the service serves again. */
  probe: () => Promise<boolean>;
  /** Current time, ms. */
  now: () => number;
  /** Waits `ms` milliseconds. */
  pause: (ms: number) => Promise<void>;
}

/** How long to try and how often. */
export interface RecoveryPlan {
  /** Give up this many ms after starting. */
  deadlineMs: number;
  /** Wait between failed attempts, ms. */
  intervalMs: number;
}

/** How the wait ended. */
export interface RecoveryResult {
  recovered: boolean;
  /** Seconds from start to the first successful probe (or to giving up). */
  seconds: number;
  attempts: number;
}

/** Probes until the first success or the deadline; never throws for a failed probe. */
export async function waitForRecovery(deps: RecoveryDeps, plan: RecoveryPlan): Promise<RecoveryResult> {
  const start = deps.now();
  let attempts = 0;
  for (;;) {
    attempts += 1;
    let ok = false;
    try {
      ok = await deps.probe();
    } catch {
      ok = false;
    }
    const elapsed = deps.now() - start;
    if (ok) return { recovered: true, seconds: elapsed / 1_000, attempts };
    if (elapsed + plan.intervalMs > plan.deadlineMs) return { recovered: false, seconds: elapsed / 1_000, attempts };
    await deps.pause(plan.intervalMs);
  }
}
