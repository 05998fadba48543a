import { ConfigError } from "../errors.ts";
import { formatDuration } from "../options/duration.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface SharedIterations extends ScenarioBase {
  vus: number;
  iterations: number;
  maxDuration: number;
}

/** shared-iterations: VUs pull from one pool of `iterations`, within `maxDuration`. */
export const sharedIterations: Executor<SharedIterations> = {
  parse(raw, base) {
    const where = `executor ${base.name}`;
    const s = {
      ...base,
      vus: intOption(raw, "vus", where, 1, 1),
      iterations: intOption(raw, "iterations", where, 1, 1),
      maxDuration: durOption(raw, "maxDuration", where, 600_000, 1000),
    };
    if (s.iterations < s.vus) throw new ConfigError(`${where}: the number of iterations (${s.iterations}) can't be less than the number of VUs (${s.vus})`);
    return s;
  },
  preAllocatedVUs: (s) => s.vus,
  maxDuration: (s) => s.maxDuration + s.gracefulStop,
  describe: (s) => `${s.iterations} iterations shared among ${s.vus} VUs (maxDuration: ${formatDuration(s.maxDuration)}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    const vus: VU[] = Array.from({ length: s.vus }, () => ctx.acquireVU());
    const running = new Set<VU>();
    let attempted = 0;
    let ending = false;
    ctx.setProgress(() => ({ fraction: attempted / s.iterations, text: `${s.vus} VUs  ${attempted}/${s.iterations} shared iters` }));
    const loops = vus.map((vu) =>
      loopVU(ctx, vu, running, () => {
        if (ending || attempted >= s.iterations) return false;
        attempted++;
        return true;
      }),
    );
    const all = Promise.all(loops);
    const finished = await Promise.race([all.then(() => true), ctx.sleep(s.maxDuration - ctx.elapsed()).then(() => false)]);
    ending = true;
    if (!finished) await endGracefully(ctx, [all], running, s.gracefulStop);
    if (s.iterations > attempted) ctx.dropped(s.iterations - attempted);
    for (const vu of vus) ctx.releaseVU(vu);
  },
};
