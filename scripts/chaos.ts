// `npm run chaos [-- flags]`: the suite runner (see scripts/README.md). Wires the real world into
// runChaos: the esbuild build, stack/index.ts, the Node runner's inspect, this process's env,
// stdout and signals.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildScenarios } from "./build.ts";
import { RunControl, runChaos } from "./chaos/suite.ts";
import { importStartStack } from "./chaos/target.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const control = new RunControl();
// Ctrl-C, a CI cancel or a closed terminal: stop the running scenario, skip the rest, still
// write the reports.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    process.stdout.write(`\n${sig}: stopping the current scenario; reports follow\n`);
    control.interrupt();
  });
}

const code = await runChaos(process.argv.slice(2), {
  root: ROOT,
  scenariosDir: join(ROOT, "scenarios"),
  buildDir: join(ROOT, "build"),
  env: process.env,
  print: (line) => process.stdout.write(`${line}\n`),
  build: async (names) => {
    await buildScenarios({ names, flavors: ["local"], outDir: join(ROOT, "build") });
  },
  loadStack: importStartStack,
  // Loaded for --inspect only. The environment goes in as a run passes it (k6 run includes it).
  inspect: async (script, vars, env) => {
    const { inspectScript } = await import("../runner/engine/inspect.ts");
    return inspectScript(script, vars, { includeSystemEnv: true, processEnv: env });
  },
  control,
});
// Exit explicitly once stdout is flushed: a handle the stack left open must not keep us alive.
process.stdout.write("", () => process.exit(code));
