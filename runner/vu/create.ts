import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { CompiledScript } from "../bundle/instance.ts";
import { createRequire } from "../modules/index.ts";
import { DEFAULT_EXPECTED } from "../modules/http/expected.ts";
import { createConsole } from "./console.ts";
import type { Runtime } from "./runtime.ts";
import { createTimers } from "./timers.ts";
import { VU } from "./vu.ts";

/**
 * Creates VU `id` and runs the script's init code in its own module instance.
 * `open()` works only during this init, relative to the script's folder.
 */
export function createVU(id: number, script: CompiledScript, runtime: Runtime): VU {
  const vu = new VU(id, runtime, DEFAULT_EXPECTED);
  const timers = createTimers(vu, (err) => vu.onAsyncError(err));
  const math = Object.create(Math, { random: { value: () => vu.random() } }) as Math;
  const open = (path: string, mode?: string): string | ArrayBuffer => {
    if (vu.phase !== "init") throw new Error("The \"open()\" function is only available in the init stage (i.e. the global scope), see https://grafana.com/docs/k6/latest/using-k6/test-lifecycle/");
    const full = isAbsolute(path) ? path : resolve(runtime.scriptDir, path);
    const buf = readFileSync(full);
    return mode === "b" ? (buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer) : buf.toString("utf8");
  };
  vu.exports = script.instantiate(vu, { require: createRequire(vu, timers), timers, console: createConsole(runtime.logger), open, math });
  return vu;
}
