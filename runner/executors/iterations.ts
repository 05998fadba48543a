// The executors that run a number of iterations, per-vu-iterations and shared-iterations (k6's
// lib/executor/per_vu_iterations.go and shared_iterations.go), and the loop they share.
import { formatDuration } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import type { Executor, ExecutorContext, ScenarioBase } from "./types.ts";

/** The options of the executors that run a number of iterations (per-vu and shared). */
interface CountedIterations extends ScenarioBase {
  vus: number;
  iterations: number;
  maxDuration: number;
}

/** Reads vus, iterations and maxDuration with k6's defaults (1, 1, 10m) and bounds. */
function parseCounted(raw: Record<string, unknown>, base: ScenarioBase): CountedIterations {
  const where = `executor ${base.name}`;
  return {
    ...base,
    vus: intOption(raw, "vus", where, 1, 1),
    iterations: intOption(raw, "iterations", where, 1, 1),
    maxDuration: durOption(raw, "maxDuration", where, 600_000, 1000),
  };
}

/** How one counted executor hands out iterations. */
interface IterationBudget {
  /** Grants `vu` one more iteration (and counts it), or says there is none left for it. */
  take(vu: VU): boolean;
  /** Iterations never started, reported as `dropped_iterations` at the end. */
  unstarted(): number;
}

/**
 * Runs `s.vus` VUs, each looping while `budget` grants it iterations, until all are spent or
 * maxDuration passes; then in-flight iterations get gracefulStop before they are interrupted.
 */
async function runCounted(s: CountedIterations, ctx: ExecutorContext, budget: IterationBudget): Promise<void> {
  const vus: VU[] = Array.from({ length: s.vus }, () => ctx.acquireVU());
  const running = new Set<VU>();
  let ending = false;
  const all = Promise.all(vus.map((vu) => loopVU(ctx, vu, running, () => !ending && budget.take(vu))));
  const finished = await Promise.race([all.then(() => true), ctx.sleep(s.maxDuration - ctx.elapsed()).then(() => false)]);
  ending = true;
  if (!finished) await endGracefully(ctx, [all], running, s.gracefulStop);
  const dropped = budget.unstarted();
  if (dropped > 0) ctx.dropped(dropped);
  for (const vu of vus) ctx.releaseVU(vu);
}

/** per-vu-iterations: each VU runs `iterations` iterations, within `maxDuration`. */
export const perVUIterations: Executor<CountedIterations> = {
  fields: [["vus", "int"], ["iterations", "int"], ["maxDuration", "duration"]],
  parse: parseCounted,
  preAllocatedVUs: (s) => s.vus,
  maxDuration: (s) => s.maxDuration + s.gracefulStop,
  describe: (s) => `${s.iterations} iterations for each of ${s.vus} VUs (maxDuration: ${formatDuration(s.maxDuration)}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    const started = new Map<VU, number>();
    const total = s.vus * s.iterations;
    const attempted = () => [...started.values()].reduce((a, b) => a + b, 0);
    ctx.setProgress(() => ({ fraction: attempted() / total, text: `${s.vus} VUs  ${attempted()}/${total} iters, ${s.iterations} per VU` }));
    await runCounted(s, ctx, {
      take(vu) {
        const n = started.get(vu) ?? 0;
        if (n >= s.iterations) return false;
        started.set(vu, n + 1);
        return true;
      },
      unstarted: () => total - attempted(),
    });
  },
};

/** shared-iterations: VUs pull from one pool of `iterations`, within `maxDuration`. */
export const sharedIterations: Executor<CountedIterations> = {
  fields: [["vus", "int"], ["iterations", "int"], ["maxDuration", "duration"]],
  parse(raw, base) {
    const s = parseCounted(raw, base);
    if (s.iterations < s.vus) throw new ConfigError(`executor ${base.name}: the number of iterations (${s.iterations}) can't be less than the number of VUs (${s.vus})`);
    return s;
  },
  preAllocatedVUs: (s) => s.vus,
  maxDuration: (s) => s.maxDuration + s.gracefulStop,
  describe: (s) => `${s.iterations} iterations shared among ${s.vus} VUs (maxDuration: ${formatDuration(s.maxDuration)}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    let attempted = 0;
    ctx.setProgress(() => ({ fraction: attempted / s.iterations, text: `${s.vus} VUs  ${attempted}/${s.iterations} shared iters` }));
    await runCounted(s, ctx, {
      take() {
        if (attempted >= s.iterations) return false;
        attempted++;
        return true;
      },
      unstarted: () => s.iterations - attempted,
    });
  },
};
