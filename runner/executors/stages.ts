import { ConfigError } from "../errors.ts";
import { parseStages } from "../options/script.ts";
import type { Stage } from "../options/types.ts";

/** Validates `stages` as k6 does: at least one, no negative duration or target. */
export function stagesOption(raw: Record<string, unknown>, where: string): Stage[] {
  if (raw.stages === undefined || raw.stages === null) throw new ConfigError(`${where}: at least one stage has to be specified`);
  const stages = parseStages(raw.stages, where);
  if (stages.length === 0) throw new ConfigError(`${where}: at least one stage has to be specified`);
  stages.forEach((s, i) => {
    if (s.duration < 0) throw new ConfigError(`${where}: the duration for stage ${i + 1} can't be negative`);
    if (s.target < 0) throw new ConfigError(`${where}: the target for stage ${i + 1} can't be negative`);
  });
  return stages;
}

/** Total duration of the stages (ms). */
export const stagesDuration = (stages: Stage[]) => stages.reduce((a, s) => a + s.duration, 0);

/**
 * k6's VU count at `t`: a ramp reaches each whole number when the line does, so it is the
 * line rounded toward the stage's starting value (floor going up, ceil going down).
 */
export function stepAt(stages: Stage[], start: number, t: number): number {
  let from = start;
  let t0 = 0;
  for (const s of stages) {
    if (t < t0 + s.duration) {
      const v = from + ((s.target - from) * (t - t0)) / s.duration;
      return s.target >= from ? Math.floor(v + 1e-9) : Math.ceil(v - 1e-9);
    }
    from = s.target;
    t0 += s.duration;
  }
  return from;
}

/** ∫ of the linear ramp over [0, t], in value·ms (piecewise trapezoids). */
export function integralTo(stages: Stage[], start: number, t: number): number {
  let from = start;
  let t0 = 0;
  let area = 0;
  for (const s of stages) {
    if (t <= t0) break;
    const span = Math.min(t, t0 + s.duration) - t0;
    const end = s.duration > 0 ? from + ((s.target - from) * span) / s.duration : s.target;
    area += ((from + end) / 2) * span;
    from = s.target;
    t0 += s.duration;
  }
  if (t > t0) area += from * (t - t0);
  return area;
}
