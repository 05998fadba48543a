import { ConfigError } from "../errors.ts";
import { formatDuration } from "../options/duration.ts";
import type { Stage } from "../options/types.ts";
import { runArrivals } from "./arrival.ts";
import { durOption, intOption } from "./common.ts";
import { integralTo, stagesDuration, stagesOption } from "./stages.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface RampingArrivalRate extends ScenarioBase {
  startRate: number;
  timeUnit: number;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
}

/** ramping-arrival-rate: the start rate follows the stages linearly, open model. */
export const rampingArrivalRate: Executor<RampingArrivalRate> = {
  parse(raw, base) {
    const where = `executor ${base.name}`;
    const preAllocatedVUs = intOption(raw, "preAllocatedVUs", where, undefined, 0);
    const s = {
      ...base,
      startRate: intOption(raw, "startRate", where, 0, 0),
      timeUnit: durOption(raw, "timeUnit", where, 1000),
      stages: stagesOption(raw, where),
      preAllocatedVUs,
      maxVUs: intOption(raw, "maxVUs", where, preAllocatedVUs, 0),
    };
    if (s.timeUnit <= 0) throw new ConfigError(`${where}: the timeUnit must be more than 0`);
    if (s.maxVUs < s.preAllocatedVUs) throw new ConfigError(`${where}: maxVUs can't be less than preAllocatedVUs`);
    return s;
  },
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => stagesDuration(s.stages) + s.gracefulStop,
  describe: (s) => `Up to ${Math.max(s.startRate, ...s.stages.map((st) => st.target))} iterations/${formatDuration(s.timeUnit)} over ${s.stages.length} stages (maxVUs: ${s.preAllocatedVUs}-${s.maxVUs}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    await runArrivals({
      duration: stagesDuration(s.stages),
      count: (t) => integralTo(s.stages, s.startRate, t) / s.timeUnit,
      preAllocatedVUs: s.preAllocatedVUs,
      maxVUs: s.maxVUs,
      gracefulStop: s.gracefulStop,
    }, ctx);
  },
};
