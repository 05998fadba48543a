import { formatDuration } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import { k6DurationMs } from "../options/script.ts";
import type { VU } from "../vu/vu.ts";
import type { ExecutorContext } from "./types.ts";

/** An integer option with a default; `min` is k6's lower bound. */
export function intOption(raw: Record<string, unknown>, key: string, where: string, dflt: number | undefined, min: number): number {
  const v = raw[key];
  if (v === undefined || v === null) {
    if (dflt === undefined) throw new ConfigError(`${where}: the ${key} option is required`);
    return dflt;
  }
  const n = Number(v);
  if (typeof v === "boolean" || !Number.isInteger(n)) throw new ConfigError(`${where}: ${key} must be an integer, got ${JSON.stringify(v)}`);
  if (n < min) throw new ConfigError(`${where}: ${key} must be ${min === 0 ? "non-negative" : `at least ${min}`}, got ${n}`);
  return n;
}

/** A duration option (string or ms number) with a default and a lower bound in ms. */
export function durOption(raw: Record<string, unknown>, key: string, where: string, dflt: number | undefined, min = 0): number {
  const v = raw[key];
  if (v === undefined || v === null) {
    if (dflt === undefined) throw new ConfigError(`${where}: the ${key} option is required`);
    return dflt;
  }
  let ms: number;
  try {
    ms = k6DurationMs(v, `${where}: ${key}`);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (ms < 0) throw new ConfigError(`${where}: the ${key} can't be negative, got ${formatDuration(ms)}`);
  if (ms < min) throw new ConfigError(`${where}: the ${key} should be at least ${formatDuration(min)}, but is ${formatDuration(ms)}`);
  return ms;
}

/** Waits for `pending` up to `graceMs` (or until the test stops), then interrupts what still runs. */
export async function endGracefully(ctx: ExecutorContext, pending: Iterable<Promise<unknown>>, running: Set<VU>, graceMs: number): Promise<void> {
  const all = Promise.all(pending);
  const outcome = await Promise.race([all.then(() => "done" as const), ctx.sleep(graceMs).then(() => "grace" as const)]);
  if (outcome === "grace") for (const vu of running) ctx.interrupt(vu);
  await all;
}

/**
 * Runs `vu` in a loop while `more()` says so and the test runs; stops after an interrupted
 * iteration. The VU stays in `running` for the whole loop (interrupting it between two iterations
 * does nothing), so that the set does not churn once per iteration.
 */
export async function loopVU(ctx: ExecutorContext, vu: VU, running: Set<VU>, more: () => boolean): Promise<void> {
  running.add(vu);
  try {
    await ctx.loopIterations(vu, more);
  } finally {
    running.delete(vu);
  }
}
