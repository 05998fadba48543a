import { formatDuration } from "../options/duration.ts";
import type { VU } from "../vu/vu.ts";
import { parseCounted, runCounted, type CountedIterations } from "./counted.ts";
import type { Executor } from "./types.ts";

/** per-vu-iterations: each VU runs `iterations` iterations, within `maxDuration`. */
export const perVUIterations: Executor<CountedIterations> = {
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
