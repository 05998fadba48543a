// CPU profiles of bench:suite's profiled level, one per process: the runner's from
// `node --cpu-prof` (CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile), the stack children's from
// cpu-profile-hook.mjs (<pid>.cpuprofile), and this process's own (the launcher, where the
// fault controller's links relay every provider byte) through the same in-process inspector.
import { readdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { hotSpots, type HotSpot } from "./cpuprofile.ts";

/** One process's profile: busy time sampled and where it went, by self time. */
export interface ProcessProfile { role: string; busyMs: number; functions: HotSpot[]; files: HotSpot[] }

/** Starts profiling this process; stop() writes <dir>/<pid>.cpuprofile. */
export function profileSelf(): { stop(dir: string): void } {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  return {
    stop(dir) {
      // the in-process session answers synchronously
      session.post("Profiler.stop", (err, result) => {
        if (err) throw err;
        writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      });
      session.disconnect();
    },
  };
}

/**
 * The profile file `dir` holds for `pid`, whichever of the two namings wrote it; of --cpu-prof's,
 * the main thread's (thread id 0: tsx's loader thread writes one of its own).
 */
export function profileFileOf(files: readonly string[], pid: number): string | undefined {
  return files.find((f) => f === `${pid}.cpuprofile` || new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pid}\\.0\\.\\d+\\.cpuprofile$`).test(f));
}

/**
 * Ranks each process's hot spots (top `n`, idle time left out); paths relative to `root`.
 * Processes without a profile (killed, or never busy) are left out.
 */
export function summariseProfiles(dir: string, roles: readonly string[], pids: readonly number[], root: string, n = 8): ProcessProfile[] {
  const files = readdirSync(dir);
  return roles.flatMap((role, i) => {
    const file = profileFileOf(files, pids[i]!);
    if (!file) return [];
    const spots = hotSpots(join(dir, file), root, n, "", ["(idle)"]);
    return [{ role, busyMs: spots.totalMs, functions: spots.functions, files: spots.files }];
  });
}
