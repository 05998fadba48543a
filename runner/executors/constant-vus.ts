import { formatDuration } from "../options/duration.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface ConstantVUs extends ScenarioBase {
  vus: number;
  duration: number;
}

/** constant-vus: a fixed number of VUs loop iterations for `duration`. */
export const constantVUs: Executor<ConstantVUs> = {
  parse(raw, base) {
    const where = `executor ${base.name}`;
    return { ...base, vus: intOption(raw, "vus", where, 1, 1), duration: durOption(raw, "duration", where, undefined, 1000) };
  },
  preAllocatedVUs: (s) => s.vus,
  maxDuration: (s) => s.duration + s.gracefulStop,
  describe: (s) => `${s.vus} looping VUs for ${formatDuration(s.duration)} (gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    const vus: VU[] = Array.from({ length: s.vus }, () => ctx.acquireVU());
    const running = new Set<VU>();
    let ending = false;
    ctx.setProgress(() => ({
      fraction: Math.min(1, ctx.elapsed() / s.duration),
      text: `${s.vus} VUs  ${formatDuration(Math.round(Math.min(ctx.elapsed(), s.duration) / 100) * 100)}/${formatDuration(s.duration)}`,
    }));
    const loops = vus.map((vu) => loopVU(ctx, vu, running, () => !ending));
    await ctx.sleep(s.duration - ctx.elapsed());
    ending = true;
    await endGracefully(ctx, loops, running, s.gracefulStop);
    for (const vu of vus) ctx.releaseVU(vu);
  },
};
