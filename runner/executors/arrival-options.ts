import { ConfigError } from "../errors.ts";
import { formatDuration } from "../options/duration.ts";
import { durOption, intOption } from "./common.ts";
import type { ScenarioBase } from "./types.ts";

/** The options both arrival-rate executors have besides their rate and length (ms, VUs). */
export interface ArrivalVUs extends ScenarioBase {
  timeUnit: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

/**
 * Parses an arrival-rate scenario: `rate` and `length` read the executor's own options
 * (rate or startRate; duration or stages), the rest is shared. Options are read, and the
 * first bad one reported, in this order: preAllocatedVUs, rate, timeUnit, length, maxVUs.
 */
export function parseArrival<R extends object, L extends object>(
  raw: Record<string, unknown>,
  base: ScenarioBase,
  rate: (where: string) => R,
  length: (where: string) => L,
): ArrivalVUs & R & L {
  const where = `executor ${base.name}`;
  const preAllocatedVUs = intOption(raw, "preAllocatedVUs", where, undefined, 0);
  const s = {
    ...base,
    ...rate(where),
    timeUnit: durOption(raw, "timeUnit", where, 1000),
    ...length(where),
    preAllocatedVUs,
    maxVUs: intOption(raw, "maxVUs", where, preAllocatedVUs, 0),
  };
  if (s.timeUnit <= 0) throw new ConfigError(`${where}: the timeUnit must be more than 0`);
  if (s.maxVUs < s.preAllocatedVUs) throw new ConfigError(`${where}: maxVUs can't be less than preAllocatedVUs`);
  return s;
}

/** The run header's tail for an arrival-rate scenario: `(maxVUs: 2-4, gracefulStop: 30s)`. */
export const describeArrivalVUs = (s: ArrivalVUs): string =>
  `(maxVUs: ${s.preAllocatedVUs}-${s.maxVUs}, gracefulStop: ${formatDuration(s.gracefulStop)})`;
