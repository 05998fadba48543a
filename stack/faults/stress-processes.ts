// Starts and stops the child processes of one stress fault. Each child is forked with an IPC
// channel and exits when it closes (stress-worker.mjs), so the stress ends with the controller
// even if the controller is killed; stop() SIGKILLs them and resolves once they have exited.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./stress-worker.mjs", import.meta.url));

/** What to run: `cpus` busy loops at `cpuLoad` percent and/or one process holding `memoryBytes`. */
export interface StressPlan { cpus: number; cpuLoad: number; memoryBytes: number | null }

/** Running stress children. */
export interface StressProcesses { pids: number[]; stop(): Promise<void> }

/** Forks the plan's children; resolves once every one has spawned. */
export async function startStress(plan: StressPlan): Promise<StressProcesses> {
  const args: string[][] = [];
  for (let i = 0; i < plan.cpus; i++) args.push(["cpu", String(plan.cpuLoad)]);
  if (plan.memoryBytes !== null) args.push(["memory", String(plan.memoryBytes)]);
  const children = args.map((a) => fork(WORKER, a, { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"] }));
  const stop = () => Promise.all(children.map(kill)).then(() => {});
  try {
    await Promise.all(children.map((c) => new Promise((resolve, reject) => c.once("spawn", resolve).once("error", reject))));
  } catch (err) {
    await stop();
    throw err;
  }
  return { pids: children.map((c) => c.pid ?? -1), stop };
}

// --- internal ---

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
