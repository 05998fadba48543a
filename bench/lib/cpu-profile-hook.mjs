// Preloaded into the stack's processes by bench:suite (NODE_OPTIONS="--import <this file>"), since
// Node 20 refuses --cpu-prof in NODE_OPTIONS and startStack takes no node flags: profiles the
// process with V8's sampling profiler from start to exit and writes
// $BENCH_PROFILE_DIR/<pid>.cpuprofile when it exits normally (process.exit, SIGTERM handlers that
// exit). Plain JavaScript: it loads before tsx is registered. A no-op without BENCH_PROFILE_DIR.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  // The in-process session answers synchronously, so the profile is written before the exit.
  process.on("exit", () => {
    session.post("Profiler.stop", (err, result) => {
      if (!err) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
