import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import type { ExecutorContext, ScenarioBase } from "./types.ts";

/** The options of the executors that run a number of iterations (per-vu and shared). */
export interface CountedIterations extends ScenarioBase {
  vus: number;
  iterations: number;
  maxDuration: number;
}

/** Reads vus, iterations and maxDuration with k6's defaults (1, 1, 10m) and bounds. */
export function parseCounted(raw: Record<string, unknown>, base: ScenarioBase): CountedIterations {
  const where = `executor ${base.name}`;
  return {
    ...base,
    vus: intOption(raw, "vus", where, 1, 1),
    iterations: intOption(raw, "iterations", where, 1, 1),
    maxDuration: durOption(raw, "maxDuration", where, 600_000, 1000),
  };
}

/** How one counted executor hands out iterations. */
export interface IterationBudget {
  /** Grants `vu` one more iteration (and counts it), or says there is none left for it. */
  take(vu: VU): boolean;
  /** Iterations never started, reported as `dropped_iterations` at the end. */
  unstarted(): number;
}

/**
 * Runs `s.vus` VUs, each looping while `budget` grants it iterations, until all are spent or
 * maxDuration passes; then in-flight iterations get gracefulStop before they are interrupted.
 */
export async function runCounted(s: CountedIterations, ctx: ExecutorContext, budget: IterationBudget): Promise<void> {
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
