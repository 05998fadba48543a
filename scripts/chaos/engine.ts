// Which engine runs the scenarios: the user's k6 (K6_BIN, else `k6` on PATH) or our Node
// runner. Decided before anything starts, and said once at the start of the run.
import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { promisify } from "node:util";
import { UsageError } from "./usage-error.ts";

/** Which engine to run scenarios with; `auto` prefers k6 when one is found. */
export const ENGINE_MODES = ["auto", "k6", "node"] as const;
/** One of ENGINE_MODES. */
export type EngineMode = (typeof ENGINE_MODES)[number];

// `k6 version` answers at once; anything slower is not a usable k6.
const VERSION_TIMEOUT_MS = 5_000;

/** A resolved engine: spawn `command` with `prefix` then `run <script> [flags]`. */
export interface Engine {
  kind: "k6" | "node";
  command: string;
  prefix: string[];
  /** What the start of the run says, e.g. "k6 v1.3.0 (K6_BIN=/opt/k6)". */
  label: string;
}

/**
 * The Node runner, started with this Node, so that it works without npx or a global install;
 * `nodeFlags` go to Node itself (e.g. bench:suite's `--cpu-prof`).
 */
export function nodeRunner(root: string, why: string, nodeFlags: readonly string[] = []): Engine {
  return { kind: "node", command: process.execPath, prefix: [...nodeFlags, join(root, "runner", "bin.mjs")], label: `Node runner (${why})` };
}

/** True when `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on `pathVar` (a PATH value), as `which` finds it; undefined if none. */
export function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return isAbsolute(candidate) ? candidate : resolve(candidate);
  }
  return undefined;
}

/** `k6 version` output's version, e.g. "v1.3.0" from "k6 v1.3.0 (go1.24.4, linux/amd64)". */
export async function k6Version(bin: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(bin, ["version"], { timeout: VERSION_TIMEOUT_MS });
    return /\bk6\s+(v\d[^\s]*)/.exec(stdout)?.[1] ?? "(unknown version)";
  } catch (err) {
    throw new UsageError(`${bin} does not behave like k6: \`${bin} version\` failed (${(err as Error).message.split("\n")[0]})`);
  }
}

/** Resolves `mode` against K6_BIN and PATH in `env`; throws UsageError when k6 is asked for and absent. */
export async function detectEngine(mode: EngineMode, env: NodeJS.ProcessEnv, root: string): Promise<Engine> {
  if (mode === "node") return nodeRunner(root, "--engine node");
  const fromEnv = env.K6_BIN?.trim();
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new UsageError(`K6_BIN=${fromEnv} is not an executable file; unset it to use the Node runner`);
    return { kind: "k6", command: fromEnv, prefix: [], label: `k6 ${await k6Version(fromEnv)} (K6_BIN=${fromEnv})` };
  }
  const onPath = findOnPath("k6", env.PATH);
  if (onPath) return { kind: "k6", command: onPath, prefix: [], label: `k6 ${await k6Version(onPath)} (${onPath} on PATH)` };
  if (mode === "k6") throw new UsageError("--engine k6: no k6 binary found; put k6 on PATH or set K6_BIN");
  return nodeRunner(root, "no k6 on PATH");
}
