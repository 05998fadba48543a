import type { VU } from "../vu/vu.ts";
import type { ArrivalVUs } from "./arrival-options.ts";
import { endGracefully } from "./common.ts";
import type { ExecutorContext } from "./types.ts";

/** The schedule of an arrival-rate scenario: iterations started by time t is ⌈count(t)⌉. */
export interface ArrivalSchedule {
  /** Scenario length (ms); no iteration starts at or after it. */
  duration: number;
  /** Iterations due by `t` ms (fractional): rate integrated over time. */
  count(t: number): number;
}

/** The first time in [from, to] at which more than `k` iterations are due (bisection, ~0.01 ms). */
function dueTime(schedule: ArrivalSchedule, k: number, from: number, to: number): number {
  if (schedule.count(to) <= k) return Number.POSITIVE_INFINITY;
  let lo = from, hi = to;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (schedule.count(mid) > k) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Runs an open-model scenario within `s`'s VU bounds: iteration k starts when more than k are due,
 * whether or not earlier ones finished. With no free VU the iteration is dropped
 * (`dropped_iterations`) and, below maxVUs, one more VU is initialized for later ticks.
 */
export async function runArrivals(s: ArrivalVUs, schedule: ArrivalSchedule, ctx: ExecutorContext): Promise<{ started: number; dropped: number }> {
  const free: VU[] = Array.from({ length: s.preAllocatedVUs }, () => ctx.acquireVU());
  const owned = new Set<VU>(free);
  const running = new Set<VU>();
  const inflight = new Set<Promise<void>>();
  let started = 0, dropped = 0, growing = 0;
  ctx.setProgress(() => ({
    fraction: Math.min(1, ctx.elapsed() / schedule.duration),
    text: `${running.size}/${owned.size} VUs  ${started} started, ${dropped} dropped`,
  }));

  const start = (vu: VU) => {
    running.add(vu);
    const p: Promise<void> = ctx.runIteration(vu).then(() => {
      running.delete(vu);
      inflight.delete(p);
      free.push(vu);
    });
    inflight.add(p);
  };

  let due = 0;
  while (!ctx.stopped) {
    const now = ctx.elapsed();
    if (now >= schedule.duration) break;
    while (due < schedule.count(now)) {
      due++;
      const vu = free.pop();
      if (vu) {
        started++;
        start(vu);
        continue;
      }
      dropped++;
      ctx.dropped(1);
      if (owned.size + growing < s.maxVUs) {
        growing++;
        setImmediate(() => {
          growing--;
          if (ctx.stopped) return;
          try {
            const extra = ctx.acquireVU();
            owned.add(extra);
            free.push(extra);
          } catch (err) {
            ctx.warnOnce(`could not initialize another VU: ${(err as Error).message}`);
          }
        });
      } else {
        ctx.warnOnce(`Insufficient VUs, reached ${s.maxVUs} active VUs and cannot initialize more`);
      }
    }
    const next = dueTime(schedule, due, now, schedule.duration);
    if (!Number.isFinite(next)) {
      await ctx.sleep(schedule.duration - now);
      break;
    }
    await ctx.sleep(Math.max(0, next - ctx.elapsed()));
  }
  await endGracefully(ctx, [...inflight], running, s.gracefulStop);
  for (const vu of owned) ctx.releaseVU(vu);
  return { started, dropped };
}
