// One level of bench:suite: a fresh local stack (startStack), the Node runner on the built
// baseline script for one smoke timeline at the level's rate (-e RATE, PRE_ALLOCATED_VUS, MAX_VUS),
// and 500 ms samples of in-flight streams and CPU time per process while it runs. With
// `profileDir`, every process is CPU-profiled too.
import { once } from "node:events";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStack, type Stack } from "../../stack/index.ts";
import { inflightByPod, type Sample } from "./inflight.ts";
import { levelEnv, levelLoad } from "./levels.ts";
import { cpuSeconds, machineBusySeconds } from "./proc.ts";
import { spawnTracked } from "./procs.ts";

const BIN = fileURLToPath(new URL("../../runner/bin.mjs", import.meta.url));
const HOOK = fileURLToPath(new URL("./cpu-profile-hook.mjs", import.meta.url));
/** The providers' timing: 500 ms to the first token, then 50 ms per token (ms). */
export const PROVIDER = { ttftMs: 500, itlMs: 50 };
/** One ordinary streamed turn (32 tokens, lib/ai-service/client.ts userTurn): 500 + 31 × 50 ms. */
export const TURN_MS = PROVIDER.ttftMs + 31 * PROVIDER.itlMs;
// A smoke timeline is 22 s, plus REQUEST_TIMEOUT + 2 s of graceful stop: past this the runner is stuck.
const RUN_LIMIT_MS = 120_000;

/**
 * What one level came to: the mean request duration its rate assumed (ms), the runner's exit
 * code, its summary export, the samples (CPU per process in `roles` order).
 */
export interface LevelRun { level: number; requestMs: number; code: number | null; summaryFile: string; samples: Sample[]; roles: string[]; pids: number[]; tail: string }

/** Runs `level` concurrent streams of `requestMs` each against a fresh stack; `outDir` keeps the summary export. */
export async function runLevel(level: number, requestMs: number, bundle: string, outDir: string, profileDir?: string): Promise<LevelRun> {
  mkdirSync(outDir, { recursive: true });
  const stack = await startProfiledStack(profileDir);
  try {
    const pods = stack.pods.list().map((p) => [p.name, p.pid ?? 0] as const);
    const summaryFile = join(outDir, `level-${level}${profileDir ? "-profiled" : ""}.json`);
    rmSync(summaryFile, { force: true }); // a previous run's must never stand in for this one's
    const env = { PROFILE: "smoke", SKIP_FAULTS: "1", STREAM_RATIO: "1", BASE_URL: stack.urls.aiService, FAULTS_URL: stack.urls.faults, ...levelEnv(levelLoad(level, requestMs)) };
    const flags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    // Only these vars reach __ENV: a WARM_UP or SLO_* exported in the shell must not reshape the level.
    const args = [...flags, BIN, "run", bundle, "--include-system-env-vars=false", ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]), "--summary-export", summaryFile, "-q"];
    const runner = spawnTracked(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
    let tail = "";
    const keep = (d: Buffer) => void (tail = (tail + d.toString()).slice(-4000));
    runner.stdout?.on("data", keep);
    runner.stderr?.on("data", keep);
    const roles = ["runner", ...pods.map(([name]) => name), "gateway primary", "provider-a", "provider-b", "launcher (fault links)"];
    const pids = [runner.pid!, ...pods.map(([, pid]) => pid), stack.pids["ai-service"]!, stack.pids["provider-a"]!, stack.pids["provider-b"]!, process.pid];
    const sampling = sample(stack, pids);
    const limit = setTimeout(() => runner.kill("SIGKILL"), RUN_LIMIT_MS);
    const [code] = (await once(runner, "exit")) as [number | null];
    clearTimeout(limit);
    const samples = await sampling.stop();
    if (profileDir) await exitPods(pods.map(([, pid]) => pid)); // SIGTERM: they exit and write their profiles
    return { level, requestMs, code, summaryFile, samples, roles, pids, tail };
  } finally {
    await stack.stop();
  }
}

/** startStack with the in-flight bound out of the way; with `profileDir`, every child preloads the profiling hook. */
async function startProfiledStack(profileDir?: string): Promise<Stack> {
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, BENCH_PROFILE_DIR: process.env.BENCH_PROFILE_DIR };
  if (profileDir) Object.assign(process.env, { NODE_OPTIONS: `--import ${HOOK}`, BENCH_PROFILE_DIR: profileDir }); // forks inherit env
  try {
    // 4096 per pod: the default 512 would shed past ~1,000 streams; the bound is not what is measured.
    // A pod stopped for its profile must not be replaced before the stack stops: 60 s restart delay.
    return await startStack({ ports: "ephemeral", provider: PROVIDER, gatewayArgs: ["--max-inflight", "4096"], restartDelayMs: profileDir ? 60_000 : 1_000 });
  } finally {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  }
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
