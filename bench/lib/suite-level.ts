// One level of bench:suite: a fresh local stack (startStack), then the built baseline script for
// one smoke timeline at the level's rate (-e RATE, PRE_ALLOCATED_VUS, MAX_VUS), run and judged by
// `npm run chaos`'s one runner of a scenario with the Node runner as engine, and 500 ms samples of
// in-flight streams and CPU time per process while it runs. With `profileDir`, every process is
// CPU-profiled too.
import { rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeRunner } from "../../scripts/chaos/engine.ts";
import { startScenario } from "../../scripts/chaos/run-scenario.ts";
import type { ScenarioResult } from "../../scripts/chaos/types.ts";
import { startStack, type Stack } from "../../stack/index.ts";
import { inflightByPod, type Sample } from "./inflight.ts";
import { levelEnv, levelLoad } from "./levels.ts";
import { cpuSeconds, machineBusySeconds } from "./proc.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HOOK = fileURLToPath(new URL("./cpu-profile-hook.mjs", import.meta.url));
/** The providers' timing: 500 ms to the first token, then 50 ms per token (ms). */
export const PROVIDER = { ttftMs: 500, itlMs: 50 };
/** One ordinary streamed turn (32 tokens, lib/ai-service/client.ts userTurn): 500 + 31 × 50 ms. */
export const TURN_MS = PROVIDER.ttftMs + 31 * PROVIDER.itlMs;
// A smoke timeline is 22 s, plus REQUEST_TIMEOUT + 2 s of graceful stop: past this the runner is stuck.
const RUN_LIMIT_MS = 120_000;

/**
 * What one level came to: the mean request duration its rate assumed (ms), the runner's verdict,
 * its summary export, the samples (CPU per process in `roles` order).
 */
export interface LevelRun { level: number; requestMs: number; result: ScenarioResult; summaryFile: string; samples: Sample[]; roles: string[]; pids: number[] }

/**
 * Runs `level` concurrent streams of `requestMs` each against a fresh stack; the run's files
 * (summary export, metrics, logs) go to `<outDir>/level-<level>[-profiled]/<scenario>/`.
 */
export async function runLevel(level: number, requestMs: number, bundle: string, outDir: string, profileDir?: string): Promise<LevelRun> {
  const stack = await startProfiledStack(profileDir);
  try {
    const pods = stack.pods.list().map((p) => [p.name, p.pid ?? 0] as const);
    const runDir = join(outDir, `level-${level}${profileDir ? "-profiled" : ""}`);
    rmSync(runDir, { recursive: true, force: true }); // a previous run's files must never stand in for this one's
    const name = basename(bundle, ".js");
    const running = startScenario({
      name, scriptDir: dirname(bundle), outDir: runDir, timeoutMs: RUN_LIMIT_MS,
      engine: nodeRunner(ROOT, "bench:suite", profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      target: { baseUrl: stack.urls.aiService, faultsUrl: stack.urls.faults },
      vars: { PROFILE: "smoke", SKIP_FAULTS: "1", STREAM_RATIO: "1", ...levelEnv(levelLoad(level, requestMs)) },
      // Only these vars reach __ENV: a WARM_UP or SLO_* exported in the shell must not reshape the level.
      systemEnv: false,
    });
    const roles = ["runner", ...pods.map(([podName]) => podName), "gateway primary", "provider-a", "provider-b", "launcher (fault links)"];
    const pids = [running.pid ?? 0, ...pods.map(([, pid]) => pid), stack.pids["ai-service"]!, stack.pids["provider-a"]!, stack.pids["provider-b"]!, process.pid];
    const sampling = sample(stack, pids);
    const result = await running.result;
    const samples = await sampling.stop();
    if (profileDir) await exitPods(pods.map(([, pid]) => pid)); // SIGTERM: they exit and write their profiles
    return { level, requestMs, result, summaryFile: join(runDir, name, "summary.json"), samples, roles, pids };
  } finally {
    await stack.stop();
  }
}

/**
 * startStack with the in-flight bound out of the way; with `profileDir`, every child preloads the
 * profiling hook through NODE_OPTIONS in its own environment (Node 20 refuses --cpu-prof there).
 */
async function startProfiledStack(profileDir?: string): Promise<Stack> {
  const env = profileDir ? { ...process.env, NODE_OPTIONS: `--import ${HOOK}`, BENCH_PROFILE_DIR: profileDir } : undefined;
  // 4096 per pod: the default 512 would shed past ~1,000 streams; the bound is not what is measured.
  // A pod stopped for its profile must not be replaced before the stack stops: 60 s restart delay.
  return startStack({ ports: "ephemeral", provider: PROVIDER, gatewayArgs: ["--max-inflight", "4096"], restartDelayMs: profileDir ? 60_000 : 1_000, ...(env ? { env } : {}) });
}

/** Samples every 500 ms until stop(): streams active at both providers, the pods' in-flight gauges, CPU s per pid. */
function sample(stack: Stack, pids: number[]): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  const gauges = new Map<string, number>();
  let running = true;
  const json = async (url: string) => (await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).json()) as { active: number };
  const loop = (async () => {
    while (running) {
      const t = Date.now();
      const cpu = pids.map(cpuSeconds);
      const machine = machineBusySeconds();
      try {
        const [a, b] = await Promise.all([json(`${stack.urls.providerA}/stats`), json(`${stack.urls.providerB}/stats`)]);
        // each /metrics answer is one pod's (round robin): two asks usually see both
        for (let i = 0; i < 2; i++) {
          const text = await (await fetch(`${stack.urls.aiService}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
          for (const [pod, n] of inflightByPod(text)) gauges.set(pod, n);
        }
        samples.push({ t, machine, active: a.active + b.active, gateway: [...gauges.values()].reduce((x, y) => x + y, 0), cpu });
      } catch {
        // a sample lost to a busy moment: the next one counts
      }
      await new Promise((r) => setTimeout(r, Math.max(0, t + 500 - Date.now())));
    }
  })();
  return { stop: async () => ((running = false), await loop, samples) };
}

async function exitPods(all: number[]): Promise<void> {
  const pids = all.filter((pid) => pid > 0); // never 0: kill(0) would signal our whole process group
  for (const pid of pids) process.kill(pid, "SIGTERM");
  const until = Date.now() + 10_000; // a profile of a busy minute is tens of MB of JSON
  while (pids.some((pid) => !Number.isNaN(cpuSeconds(pid))) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}
