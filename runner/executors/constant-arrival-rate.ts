import { ConfigError } from "../errors.ts";
import { formatDuration } from "../options/duration.ts";
import { runArrivals } from "./arrival.ts";
import { durOption, intOption } from "./common.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface ConstantArrivalRate extends ScenarioBase {
  rate: number;
  timeUnit: number;
  duration: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

/** constant-arrival-rate: iteration k starts at k·timeUnit/rate, open model. */
export const constantArrivalRate: Executor<ConstantArrivalRate> = {
  parse(raw, base) {
    const where = `executor ${base.name}`;
    const preAllocatedVUs = intOption(raw, "preAllocatedVUs", where, undefined, 0);
    const s = {
      ...base,
      rate: intOption(raw, "rate", where, undefined, 1),
      timeUnit: durOption(raw, "timeUnit", where, 1000),
      duration: durOption(raw, "duration", where, undefined, 1000),
      preAllocatedVUs,
      maxVUs: intOption(raw, "maxVUs", where, preAllocatedVUs, 0),
    };
    if (s.timeUnit <= 0) throw new ConfigError(`${where}: the timeUnit must be more than 0`);
    if (s.maxVUs < s.preAllocatedVUs) throw new ConfigError(`${where}: maxVUs can't be less than preAllocatedVUs`);
    return s;
  },
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => s.duration + s.gracefulStop,
  describe: (s) => `${s.rate} iterations/${formatDuration(s.timeUnit)} for ${formatDuration(s.duration)} (maxVUs: ${s.preAllocatedVUs}-${s.maxVUs}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    await runArrivals({
      duration: s.duration,
      count: (t) => (t * s.rate) / s.timeUnit,
      preAllocatedVUs: s.preAllocatedVUs,
      maxVUs: s.maxVUs,
      gracefulStop: s.gracefulStop,
    }, ctx);
  },
};
