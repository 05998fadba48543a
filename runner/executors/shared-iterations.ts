import { ConfigError } from "../errors.ts";
import { formatDuration } from "../options/duration.ts";
import { parseCounted, runCounted, type CountedIterations } from "./counted.ts";
import type { Executor } from "./types.ts";

/** shared-iterations: VUs pull from one pool of `iterations`, within `maxDuration`. */
export const sharedIterations: Executor<CountedIterations> = {
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
