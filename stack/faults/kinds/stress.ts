// CPU and memory stress on the machine running a pod target (Chaos Mesh's StressChaos, locally):
// `cpus` processes busy-looping at `cpuLoad` percent in 100 ms slices, and one process holding
// `memory` bytes, for the fault's duration. Inputs are capped to what this machine can take.
import os from "node:os";
import { FieldError } from "../errors.ts";
import { formatBytes, readBytes, readNumber } from "../fields.ts";
import { startStress, type StressPlan } from "../stress-processes.ts";
import { defineKind } from "./kind.ts";

/** A normalized stress fault (see StressPlan). */
export type StressSpec = StressPlan;

/** The `stress` fault kind. */
export const stressKind = defineKind<StressSpec>({
  kind: "stress",
  leased: true,
  fields: ["cpuLoad", "cpus", "memory"],
  supports: (target) => target.pods !== undefined,
  parse(body) {
    const maxCpus = os.availableParallelism();
    const maxMemory = Math.floor(os.totalmem() / 2);
    const wantsCpu = body.cpuLoad !== undefined || body.cpus !== undefined;
    const cpuLoad = readNumber(body, "cpuLoad", { min: 1, max: 100, fallback: 100, what: "a percentage of each CPU" });
    const cpus = wantsCpu ? readNumber(body, "cpus", { min: 1, max: maxCpus, integer: true, fallback: 1, what: "a number of CPUs (this machine's count caps it)" }) : 0;
    const memoryBytes = readBytes(body, "memory", maxMemory, `${formatBytes(maxMemory)} (half of this machine's memory)`) ?? null;
    if (!wantsCpu && memoryBytes === null) throw new FieldError("cpuLoad", "a percentage 1-100 and/or memory such as \"256MB\" (a stress fault needs one of them)", "nothing", "missing_field");
    return { cpus, cpuLoad, memoryBytes };
  },
  view: (spec) => ({ cpuLoad: spec.cpuLoad, cpus: spec.cpus, memoryBytes: spec.memoryBytes }),
  async apply(ctx, spec) {
    const stress = await startStress(spec);
    ctx.affected(); // its processes run: the machine is under stress
    ctx.logger.info({ fault: ctx.id, pids: stress.pids }, "stress processes started");
    return { end: () => stress.stop(), details: { pids: stress.pids } };
  },
});
