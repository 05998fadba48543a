// The closed-model executors, constant-vus and ramping-vus (k6's lib/executor/constant_vus.go and
// ramping_vus.go): a number of VUs, fixed or following stages, loop iterations.
import { formatDuration } from "../../contracts/duration.ts";
import { ConfigError } from "../errors.ts";
import type { Stage } from "../options/types.ts";
import type { VU } from "../vu/vu.ts";
import { durOption, endGracefully, intOption, loopVU } from "./common.ts";
import { stagesDuration, stagesOption, stepAt } from "./stages.ts";
import type { Executor, ScenarioBase } from "./types.ts";

interface ConstantVUs extends ScenarioBase {
  vus: number;
  duration: number;
}

/** constant-vus: a fixed number of VUs loop iterations for `duration`. */
export const constantVUs: Executor<ConstantVUs> = {
  fields: [["vus", "int"], ["duration", "duration"]],
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

interface RampingVUs extends ScenarioBase {
  startVUs: number;
  stages: Stage[];
  gracefulRampDown: number;
}

/** How often the VU count is re-evaluated (ms): well under any stage length k6 allows. */
const TICK_MS = 10;

/** ramping-vus: the VU count follows the stages linearly, in whole-VU steps as k6 takes them. */
export const rampingVUs: Executor<RampingVUs> = {
  fields: [["startVUs", "int"], ["stages", "stages"], ["gracefulRampDown", "duration"]],
  parse(raw, base) {
    const where = `executor ${base.name}`;
    const s = {
      ...base,
      startVUs: intOption(raw, "startVUs", where, 1, 0),
      stages: stagesOption(raw, where),
      gracefulRampDown: durOption(raw, "gracefulRampDown", where, 30_000),
    };
    if (s.startVUs === 0 && s.stages.every((st) => st.target === 0)) throw new ConfigError(`${where}: either startVUs or one of the stages' target values must be greater than 0`);
    return s;
  },
  preAllocatedVUs: (s) => Math.max(s.startVUs, ...s.stages.map((st) => st.target)),
  maxDuration: (s) => stagesDuration(s.stages) + s.gracefulStop,
  describe: (s) => `Up to ${rampingVUs.preAllocatedVUs(s)} looping VUs for ${formatDuration(stagesDuration(s.stages))} over ${s.stages.length} stages (gracefulRampDown: ${formatDuration(s.gracefulRampDown)}, gracefulStop: ${formatDuration(s.gracefulStop)})`,
  async run(s, ctx) {
    const total = stagesDuration(s.stages);
    const active: VU[] = [];
    const isActive = new Set<VU>();
    const running = new Set<VU>();
    const loops = new Map<VU, Promise<void>>();
    const retiring = new Set<VU>();
    let ending = false;
    const target = (t: number) => stepAt(s.stages, s.startVUs, t);
    ctx.setProgress(() => ({ fraction: Math.min(1, ctx.elapsed() / total), text: `${active.length}/${rampingVUs.preAllocatedVUs(s)} VUs  ${formatDuration(Math.round(Math.min(ctx.elapsed(), total) / 100) * 100)}/${formatDuration(total)}` }));

    const activate = () => {
      const vu = ctx.acquireVU();
      active.push(vu);
      isActive.add(vu);
      const loop = loopVU(ctx, vu, running, () => !ending && isActive.has(vu)).then(() => {
        loops.delete(vu);
        retiring.delete(vu);
        ctx.releaseVU(vu);
      });
      loops.set(vu, loop);
    };
    const retire = () => {
      const vu = active.pop();
      if (!vu) return;
      isActive.delete(vu);
      retiring.add(vu);
      // A VU removed by a ramp-down may finish its iteration within gracefulRampDown.
      void ctx.sleep(s.gracefulRampDown).then(() => { if (retiring.has(vu) && running.has(vu)) ctx.interrupt(vu); });
    };

    while (!ctx.stopped && ctx.elapsed() < total) {
      const want = target(ctx.elapsed());
      while (active.length < want) activate();
      while (active.length > want) retire();
      await ctx.sleep(Math.min(TICK_MS, total - ctx.elapsed()));
    }
    ending = true;
    await endGracefully(ctx, [...loops.values()], running, s.gracefulStop);
  },
};
