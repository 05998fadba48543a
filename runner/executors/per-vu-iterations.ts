import { formatDuration } from "../options/duration.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface PerVUIterations extends ScenarioBase {
  vus: number;
  iterations: number;
  maxDuration: number;
}

/** per-vu-iterations: each VU runs `iterations` iterations, within `maxDuration`. */
export const perVUIterations: Executor<PerVUIterations> = {
  parse(raw, base) {
    const where = `executor ${base.name}`;
    return {
      ...base,
      vus: intOption(raw, "vus", where, 1, 1),
      iterations: intOption(raw, "iterations", where, 1, 1),
      maxDuration: durOption(raw, "maxDuration", where, 600_000, 1000),
    };
  },
  preAllocatedVUs: (s) => s.vus,
  maxDuration: (s) => s.maxDuration + s.gracefulStop,
  describe: (s) => `${s.iterations} iterations for each of ${s.vus} VUs (maxDuration: ${formatDuration(s.maxDuration)}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    const vus: VU[] = Array.from({ length: s.vus }, () => ctx.acquireVU());
    const running = new Set<VU>();
    const started = new Map<VU, number>(vus.map((vu) => [vu, 0]));
    let ending = false;
    const total = s.vus * s.iterations;
    const attempted = () => [...started.values()].reduce((a, b) => a + b, 0);
    ctx.setProgress(() => ({ fraction: attempted() / total, text: `${s.vus} VUs  ${attempted()}/${total} iters, ${s.iterations} per VU` }));
    const loops = vus.map((vu) =>
      loopVU(ctx, vu, running, () => {
        const n = started.get(vu) ?? 0;
        if (ending || n >= s.iterations) return false;
        started.set(vu, n + 1);
        return true;
      }),
    );
    const all = Promise.all(loops);
    const finished = await Promise.race([all.then(() => true), ctx.sleep(s.maxDuration - ctx.elapsed()).then(() => false)]);
    ending = true;
    if (!finished) await endGracefully(ctx, [all], running, s.gracefulStop);
    const dropped = total - attempted();
    if (dropped > 0) ctx.dropped(dropped);
    for (const vu of vus) ctx.releaseVU(vu);
  },
};
