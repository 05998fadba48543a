// Runs the Node runner (`node runner/bin.mjs run`) on bench/lib/vu-script.ts as a child process
// and reads its --summary-export; the process is the runner itself (bin.mjs registers tsx
// in-process), so its pid is the one whose memory counts.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { steadySampler, type Steady } from "./proc.ts";
import { spawnTracked } from "./procs.ts";

const BIN = fileURLToPath(new URL("../../runner/bin.mjs", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./vu-script.ts", import.meta.url));

/** A run: `vus` constant VUs for `seconds` against `target`, the provider waiting `ttftMs`. */
export interface RunnerSpec { vus: number; seconds: number; target: string; ttftMs: number; nodeFlags?: string[] }

/**
 * What the runner's summary says, latencies in microseconds (the summary's ms × 1000), and the
 * CPU at steady state of the runner (index 0) and of each `alsoSample` pid.
 */
export interface RunnerFigures { rps: number; requests: number; failed: number; p50: number; p90: number; p99: number; cpu: Steady }

/** Starts the runner; stderr is kept (its last 2000 characters) for error messages. */
export function startRunner(spec: RunnerSpec, summaryFile?: string): ChildProcess & { stderrTail: () => string } {
  const args = [...(spec.nodeFlags ?? []), BIN, "run", "-q", "--vus", String(spec.vus), "--duration", `${spec.seconds}s`,
    "-e", `TARGET=${spec.target}`, "-e", `TTFT_MS=${spec.ttftMs}`, "--summary-trend-stats", "avg,med,p(90),p(99)"];
  if (summaryFile) args.push("--summary-export", summaryFile);
  const child = spawnTracked(process.execPath, [...args, SCRIPT], { stdio: ["ignore", "ignore", "pipe"] });
  let tail = "";
  child.stderr?.on("data", (d: Buffer) => void (tail = (tail + d.toString()).slice(-2000)));
  return Object.assign(child, { stderrTail: () => tail });
}

/**
 * Runs to the end and returns the summary's figures; throws on a non-zero exit. `count` is the
 * target's answered-request counter, which marks the steady state the CPU is measured over.
 */
export async function runRunner(spec: RunnerSpec, count: () => Promise<number>, alsoSample: number[] = []): Promise<RunnerFigures> {
  const dir = mkdtempSync(join(tmpdir(), "bench-runner-"));
  try {
    const file = join(dir, "summary.json");
    const child = startRunner(spec, file);
    // the steady state, without start-up (bundling, VU init) and wind-down
    const sampler = steadySampler([child.pid!, ...alsoSample], count);
    const [code] = (await once(child, "exit")) as [number | null];
    const cpu = await sampler.stop();
    if (code !== 0) throw new Error(`runner exited ${code}: ${child.stderrTail().trim()}`);
    type Values = Record<string, number>;
    const m = (JSON.parse(readFileSync(file, "utf8")) as { metrics: Record<string, Values> }).metrics;
    const d = m.http_req_duration ?? {};
    return {
      rps: m.http_reqs?.rate ?? 0,
      requests: m.http_reqs?.count ?? 0,
      failed: Math.round((m.http_req_failed?.value ?? 0) * (m.http_reqs?.count ?? 0)),
      p50: (d.med ?? Number.NaN) * 1000,
      p90: (d["p(90)"] ?? Number.NaN) * 1000,
      p99: (d["p(99)"] ?? Number.NaN) * 1000,
      cpu,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
