import { formatDuration } from "../options/duration.ts";
import { runArrivals } from "./arrival.ts";
import { describeArrivalVUs, parseArrival, type ArrivalVUs } from "./arrival-options.ts";
import { durOption, intOption } from "./common.ts";
import type { Executor } from "./types.ts";

interface ConstantArrivalRate extends ArrivalVUs {
  rate: number;
  duration: number;
}

/** constant-arrival-rate: iteration k starts at k·timeUnit/rate, open model. */
export const constantArrivalRate: Executor<ConstantArrivalRate> = {
  parse: (raw, base) => parseArrival(raw, base,
    (where) => ({ rate: intOption(raw, "rate", where, undefined, 1) }),
    (where) => ({ duration: durOption(raw, "duration", where, undefined, 1000) })),
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => s.duration + s.gracefulStop,
  describe: (s) => `${s.rate} iterations/${formatDuration(s.timeUnit)} for ${formatDuration(s.duration)} ${describeArrivalVUs(s)}`,
  async run(s, ctx) {
    await runArrivals(s, { duration: s.duration, count: (t) => (t * s.rate) / s.timeUnit }, ctx);
  },
};
