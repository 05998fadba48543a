// Child processes of a bench: every one is tracked from the moment it is forked, so a failure,
// Ctrl-C or SIGTERM stops them all and no process outlives the bench.
import { fork, spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { stopChild } from "../../stack/launcher/child.ts";

const live = new Set<ChildProcess>();
const START_TIMEOUT_MS = 20_000; // tsx compiles the gateway on start: a few seconds on a busy box

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Forks a TypeScript server through tsx; resolves with its port once it sends {type:"listening"}. */
export async function startServer(script: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = track(fork(script, args, { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] }));
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not listen within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.on("message", (m: { type?: string; port?: number }) => {
      if (m?.type === "listening" && typeof m.port === "number") (clearTimeout(timer), resolve(m.port));
    });
    child.once("exit", (code, signal) => (clearTimeout(timer), reject(new Error(`${script} exited (${signal ?? code}): ${stderr.trim()}`))));
  });
  return { child, port };
}

/** Spawns a plain command, tracked like the servers. */
export function spawnTracked(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  return track(spawn(cmd, args, opts));
}

/** SIGTERM, SIGKILL after 3 s; resolves once the process is gone (the stack launcher's own stop). */
export const stop = stopChild;

/** Stops every live child. */
async function stopAll(): Promise<void> {
  await Promise.all([...live].map(stop));
}

/**
 * Runs a bench's main: Ctrl-C / SIGTERM stop the children, then exit 130; a failure prints
 * `<name> failed` with its stack and exits 1; every child is stopped at the end, and a plain exit
 * SIGKILLs any straggler.
 */
export function runBench(name: string, main: () => Promise<void>): void {
  const interrupt = () => void stopAll().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  process.once("exit", () => live.forEach((c) => c.kill("SIGKILL")));
  main()
    .catch((err: unknown) => {
      console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    })
    .finally(() => stopAll());
}

/** What bench/lib/fixed-target.ts counts (its `GET /stats`). */
export interface TargetStats { requests: number; pending: number; active: number; started: number }

/** A running bench/lib/fixed-target.ts child: its base URL and its counters. */
export interface FixedTarget { child: ChildProcess; url: string; stats(): Promise<TargetStats>; requests(): Promise<number> }

/** Starts bench/lib/fixed-target.ts with `args` (--ttft MS --itl MS --tokens N), pinned to `cpus` when given. */
export async function startFixedTarget(args: string[] = [], cpus?: string): Promise<FixedTarget> {
  const script = new URL("./fixed-target.ts", import.meta.url).pathname;
  const { child, port } = await startServer(script, args);
  if (cpus) spawnSync("taskset", ["-a", "-p", "-c", cpus, String(child.pid)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const stats = async () => (await (await fetch(`${url}/stats`)).json()) as TargetStats;
  return { child, url, stats, requests: async () => (await stats()).requests };
}
