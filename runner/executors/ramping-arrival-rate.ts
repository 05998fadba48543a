import { formatDuration } from "../options/duration.ts";
import type { Stage } from "../options/types.ts";
import { runArrivals } from "./arrival.ts";
import { describeArrivalVUs, parseArrival, type ArrivalVUs } from "./arrival-options.ts";
import { intOption } from "./common.ts";
import { integralTo, stagesDuration, stagesOption } from "./stages.ts";
import type { Executor } from "./types.ts";

interface RampingArrivalRate extends ArrivalVUs {
  startRate: number;
  stages: Stage[];
}

/** ramping-arrival-rate: the start rate follows the stages linearly, open model. */
export const rampingArrivalRate: Executor<RampingArrivalRate> = {
  parse: (raw, base) => parseArrival(raw, base,
    (where) => ({ startRate: intOption(raw, "startRate", where, 0, 0) }),
    (where) => ({ stages: stagesOption(raw, where) })),
  preAllocatedVUs: (s) => s.preAllocatedVUs,
  maxDuration: (s) => stagesDuration(s.stages) + s.gracefulStop,
  describe: (s) => `Up to ${Math.max(s.startRate, ...s.stages.map((st) => st.target))} iterations/${formatDuration(s.timeUnit)} over ${s.stages.length} stages ${describeArrivalVUs(s)}`,
  async run(s, ctx) {
    await runArrivals(s, { duration: stagesDuration(s.stages), count: (t) => integralTo(s.stages, s.startRate, t) / s.timeUnit }, ctx);
  },
};
