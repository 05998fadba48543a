// Runs the Node runner (`node runner/bin.mjs run`) on a bench script as a child process and reads
// its --summary-export; the process is the runner itself (bin.mjs registers tsx in-process), so
// its pid is the one whose CPU and memory count.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { steadySampler, type Steady } from "./proc.ts";
import { spawnTracked } from "./procs.ts";

const BIN = fileURLToPath(new URL("../../runner/bin.mjs", import.meta.url));
const VU_SCRIPT = fileURLToPath(new URL("./vu-script.ts", import.meta.url));

/**
 * A run of `script` (default bench/lib/vu-script.ts, then `vus` constant VUs for `seconds`;
 * other scripts take their shape from `vars`), with `-e` `vars`, `env` added to the process env,
 * `nodeFlags` before the runner (e.g. --cpu-prof), and `cpus` (taskset) to pin it.
 */
export interface RunnerSpec {
  script?: string;
  vus?: number;
  seconds?: number;
  vars: Record<string, string>;
  env?: Record<string, string>;
  nodeFlags?: string[];
  cpus?: string;
}

/** The vu-script run of bench:runner: `vus` VUs for `seconds` against `target`, which waits `ttftMs`. */
export function vuScriptRun(vus: number, seconds: number, target: string, ttftMs: number, nodeFlags?: string[]): RunnerSpec {
  return { vus, seconds, vars: { TARGET: target, TTFT_MS: String(ttftMs) }, ...(nodeFlags ? { nodeFlags } : {}) };
}

/**
 * What the runner's summary says (latencies in microseconds: the summary's ms × 1000) and its
 * whole export, plus the CPU at steady state of the runner (index 0) and of each `alsoSample` pid.
 */
export interface RunnerFigures {
  rps: number; requests: number; failed: number; p50: number; p90: number; p99: number; cpu: Steady;
  metrics: Record<string, Record<string, number>>;
}

/** Starts the runner; stderr is kept (its last 2000 characters) for error messages. */
export function startRunner(spec: RunnerSpec, summaryFile?: string): ChildProcess & { stderrTail: () => string } {
  const args = [...(spec.nodeFlags ?? []), BIN, "run", "-q", "--summary-trend-stats", "avg,med,p(90),p(99),max"];
  if (spec.script === undefined) args.push("--vus", String(spec.vus ?? 1), "--duration", `${spec.seconds ?? 1}s`);
  for (const [k, v] of Object.entries(spec.vars)) args.push("-e", `${k}=${v}`);
  if (summaryFile) args.push("--summary-export", summaryFile);
  args.push(spec.script ?? VU_SCRIPT);
  const [cmd, argv] = spec.cpus ? ["taskset", ["-c", spec.cpus, process.execPath, ...args]] : [process.execPath, args];
  const child = spawnTracked(cmd, argv, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...spec.env } });
  let tail = "";
  child.stderr?.on("data", (d: Buffer) => void (tail = (tail + d.toString()).slice(-2000)));
  return Object.assign(child, { stderrTail: () => tail });
}

/** How runRunner watches a run. */
export interface Watch {
  /** The target's answered-request counter: it marks the steady state the CPU is measured over. */
  count: () => Promise<number>;
  /** Other processes whose CPU is measured alongside (e.g. the target). */
  alsoSample?: number[];
  /** Exit 99 (a threshold crossed) is an outcome to report, not a failure of the run. */
  thresholdsMayFail?: boolean;
  /** Called with the runner's pid once it started. */
  onStart?: (pid: number) => void;
}

/** Runs to the end and returns the summary's figures; throws on an exit other than 0 (or 99, see Watch). */
export async function runRunner(spec: RunnerSpec, watch: Watch): Promise<RunnerFigures> {
  const { count, alsoSample = [], thresholdsMayFail = false } = watch;
  const dir = mkdtempSync(join(tmpdir(), "bench-runner-"));
  try {
    const file = join(dir, "summary.json");
    const child = startRunner(spec, file);
    watch.onStart?.(child.pid!);
    // the steady state, without start-up (bundling, VU init) and wind-down
    const sampler = steadySampler([child.pid!, ...alsoSample], count);
    const [code] = (await once(child, "exit")) as [number | null];
    const cpu = await sampler.stop();
    if (code !== 0 && !(thresholdsMayFail && code === 99)) throw new Error(`runner exited ${code}: ${child.stderrTail().trim()}`);
    const metrics = (JSON.parse(readFileSync(file, "utf8")) as { metrics: RunnerFigures["metrics"] }).metrics;
    const d = metrics.http_req_duration ?? {};
    return {
      rps: metrics.http_reqs?.rate ?? 0,
      requests: metrics.http_reqs?.count ?? 0,
      failed: Math.round((metrics.http_req_failed?.value ?? 0) * (metrics.http_reqs?.count ?? 0)),
      p50: (d.med ?? Number.NaN) * 1000,
      p90: (d["p(90)"] ?? Number.NaN) * 1000,
      p99: (d["p(99)"] ?? Number.NaN) * 1000,
      cpu, metrics,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
