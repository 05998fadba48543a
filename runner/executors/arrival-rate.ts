// The open-model executors, constant-arrival-rate and ramping-arrival-rate (k6's
// lib/executor/constant_arrival_rate.go and ramping_arrival_rate.go), and what they share: their
// VU options, the start time of iteration k, and dropping an iteration that finds no free VU.
import { formatDuration } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import type { Stage } from "../options/types.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption } from "./common.ts";
import { integralTo, stagesDuration, stagesOption } from "./stages.ts";
import type { Executor, ExecutorContext, ScenarioBase } from "./types.ts";

/** The options both arrival-rate executors have besides their rate and length (ms, VUs). */
interface ArrivalVUs extends ScenarioBase {
  timeUnit: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

/**
 * Parses an arrival-rate scenario: `rate` and `length` read the executor's own options
 * (rate or startRate; duration or stages), the rest is shared. Options are read, and the
 * first bad one reported, in this order: preAllocatedVUs, rate, timeUnit, length, maxVUs.
 */
function parseArrival<R extends object, L extends object>(
  raw: Record<string, unknown>,
  base: ScenarioBase,
  rate: (where: string) => R,
  length: (where: string) => L,
): ArrivalVUs & R & L {
  const where = `executor ${base.name}`;
  const preAllocatedVUs = intOption(raw, "preAllocatedVUs", where, undefined, 0);
  const s = {
    ...base,
    ...rate(where),
    timeUnit: durOption(raw, "timeUnit", where, 1000),
    ...length(where),
    preAllocatedVUs,
    maxVUs: intOption(raw, "maxVUs", where, preAllocatedVUs, 0),
  };
  if (s.timeUnit <= 0) throw new ConfigError(`${where}: the timeUnit must be more than 0`);
  if (s.maxVUs < s.preAllocatedVUs) throw new ConfigError(`${where}: maxVUs can't be less than preAllocatedVUs`);
  return s;
}

/** The run header's tail for an arrival-rate scenario: `(maxVUs: 2-4, gracefulStop: 30s)`. */
const describeArrivalVUs = (s: ArrivalVUs): string =>
  `(maxVUs: ${s.preAllocatedVUs}-${s.maxVUs}, gracefulStop: ${formatDuration(s.gracefulStop)})`;

/** When an arrival-rate scenario starts its iterations: iteration k once count(t) ≥ k + lead. */
interface ArrivalSchedule {
  /** Scenario length (ms); no iteration starts at or after it. */
  duration: number;
  /** Iterations due by `t` ms (fractional): the rate integrated over time. */
  count(t: number): number;
  /**
   * 0 for constant-arrival-rate, whose ticker starts iteration k at k·timeUnit/rate, the first
   * at once; 1 for ramping-arrival-rate, whose cal() starts iteration k when the integral of the
   * rate reaches k+1 (its `i` starts at 1), so a steady 2/s starts its first at 500 ms.
   */
  lead: 0 | 1;
}

/** The first time in [from, to] at which iteration `k` is due (bisection, ~0.01 ms); Infinity if never. */
function dueTime(schedule: ArrivalSchedule, k: number, from: number, to: number): number {
  const target = k + schedule.lead;
  if (schedule.count(to) < target) return Number.POSITIVE_INFINITY;
  let lo = from, hi = to;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (schedule.count(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Runs an open-model scenario within `s`'s VU bounds: iteration k starts when it is due, whether
 * or not earlier ones finished. With no free VU it is dropped (`dropped_iterations`) and, below
 * maxVUs and unless one is already being initialized, one more VU is initialized in the
 * background for later iterations: k6 asks its unplanned-VU goroutine for one at a time. The VUs
 * count in `vus` only while they run an iteration (k6's activeVUPool).
 */
async function runArrivals(s: ArrivalVUs, schedule: ArrivalSchedule, ctx: ExecutorContext): Promise<void> {
  const free: VU[] = Array.from({ length: s.preAllocatedVUs }, () => ctx.acquireVU(false));
  const owned = new Set<VU>(free);
  const running = new Set<VU>();
  const inflight = new Set<Promise<void>>();
  let started = 0, dropped = 0, initializing = false;
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
  const initializeOne = () => {
    initializing = true;
    // Its own event-loop turn, so that iterations due meanwhile are not held up by the tick
    // that dropped one; the VU's init code itself still runs on the one JS thread.
    setImmediate(() => {
      initializing = false;
      if (ctx.stopped) return;
      try {
        const extra = ctx.acquireVU(false);
        owned.add(extra);
        free.push(extra);
      } catch (err) {
        ctx.warnOnce(`could not initialize another VU: ${(err as Error).message}`);
      }
    });
  };

  let due = 0;
  const trace = ctx.traceStart;
  while (!ctx.stopped) {
    const now = ctx.elapsed();
    if (now >= schedule.duration) break;
    while (schedule.count(now) >= due + schedule.lead) {
      due++;
      const vu = free.pop();
      if (vu) {
        started++;
        if (trace) trace(due - 1, dueTime(schedule, due - 1, 0, now), ctx.elapsed());
        start(vu);
        continue;
      }
      dropped++;
      ctx.dropped(1);
      if (owned.size >= s.maxVUs) ctx.warnOnce(`Insufficient VUs, reached ${s.maxVUs} active VUs and cannot initialize more`);
      else if (!initializing) initializeOne();
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
}

interface ConstantArrivalRate extends ArrivalVUs {
  rate: number;
  duration: number;
}

/** constant-arrival-rate: iteration k starts at k·timeUnit/rate, open model. */
export const constantArrivalRate: Executor<ConstantArrivalRate> = {
  fields: [["rate", "int"], ["timeUnit", "duration"], ["duration", "duration"], ["preAllocatedVUs", "int"], ["maxVUs", "int"]],
  parse: (raw, base) => parseArrival(raw, base,
    (where) => ({ rate: intOption(raw, "rate", where, undefined, 1) }),
    (where) => ({ duration: durOption(raw, "duration", where, undefined, 1000) })),
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => s.duration + s.gracefulStop,
  describe: (s) => `${s.rate} iterations/${formatDuration(s.timeUnit)} for ${formatDuration(s.duration)} ${describeArrivalVUs(s)}`,
  run: (s, ctx) => runArrivals(s, { duration: s.duration, count: (t) => (t * s.rate) / s.timeUnit, lead: 0 }, ctx),
};

interface RampingArrivalRate extends ArrivalVUs {
  startRate: number;
  stages: Stage[];
}

/** ramping-arrival-rate: the start rate follows the stages linearly, open model. */
export const rampingArrivalRate: Executor<RampingArrivalRate> = {
  fields: [["startRate", "int"], ["timeUnit", "duration"], ["stages", "stages"], ["preAllocatedVUs", "int"], ["maxVUs", "int"]],
  parse: (raw, base) => parseArrival(raw, base,
    (where) => ({ startRate: intOption(raw, "startRate", where, 0, 0) }),
    (where) => ({ stages: stagesOption(raw, where) })),
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => stagesDuration(s.stages) + s.gracefulStop,
  describe: (s) => `Up to ${Math.max(s.startRate, ...s.stages.map((st) => st.target))} iterations/${formatDuration(s.timeUnit)} over ${s.stages.length} stages ${describeArrivalVUs(s)}`,
  run: (s, ctx) => runArrivals(s, { duration: stagesDuration(s.stages), count: (t) => integralTo(s.stages, s.startRate, t) / s.timeUnit, lead: 1 }, ctx),
};
