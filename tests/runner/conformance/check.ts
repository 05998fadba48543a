// Runs the conformance cases (cases.ts) under k6 and/or the Node runner against a local target
// and checks each run's exit code and --summary-export figures against its row; with both
// engines, any difference between them fails too. CI's k6-parity job:
//   npx tsx tests/runner/conformance/check.ts --engine k6 --engine node
// (k6 from K6_BIN or PATH; k6 ≥ 1.0 runs the .ts scripts itself). Exit 0 when all rows hold, 1 otherwise.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../helpers/server.ts";
import { CASES, type Case } from "./cases.ts";

export const CONFORMANCE = fileURLToPath(new URL("./", import.meta.url));
const BIN = fileURLToPath(new URL("../../../runner/bin.mjs", import.meta.url));

/** How to start an engine: `command ...prefix run ...`. */
export interface Engine {
  name: "k6" | "node";
  command: string;
  prefix: string[];
}

export const ENGINES: Record<Engine["name"], Engine> = {
  node: { name: "node", command: process.execPath, prefix: [BIN] },
  k6: { name: "k6", command: process.env.K6_BIN || "k6", prefix: [] },
};

/** One run of one case: what it produced and what does not match its row. */
export interface Outcome {
  exit: number | null;
  stdout: string;
  stderr: string;
  /** The summary export's metrics (empty when none was written). */
  metrics: Record<string, Record<string, number>>;
  problems: string[];
}

/** Every way a run differs from `c`: the exit code, a figure out of its range, a metric that should be absent. */
function problemsOf(c: Case, exit: number | null, metrics: Outcome["metrics"]): string[] {
  const problems = exit === c.exit ? [] : [`exit ${exit} (expected ${c.exit})`];
  for (const [metric, stats] of Object.entries(c.figures ?? {})) {
    const got = metrics[metric];
    if (stats === null) {
      if (got) problems.push(`${metric} is in the summary (expected absent)`);
      continue;
    }
    for (const [stat, [lo, hi]] of Object.entries(stats)) {
      const v = got?.[stat];
      if (v === undefined || !(v >= lo && v <= hi)) problems.push(`${metric} ${stat} = ${v ?? "missing"} (expected ${lo === hi ? lo : `${lo}..${hi}`})`);
    }
  }
  return problems;
}

/** Runs `c` under `engine` with `-e BASE=base`, bounded by `timeoutMs` (killed past it). */
export async function runCase(c: Case, engine: Engine, base: string, timeoutMs = 60_000): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  const exported = join(dir, "summary.json");
  const args = [...engine.prefix, "run", "-q", "--summary-export", exported, "-e", `BASE=${base}`, "-e", `SUMMARY_FILE=${join(dir, "hs.json")}`, ...(c.args ?? []), join(CONFORMANCE, c.script)];
  try {
    const { exit, stdout, stderr } = await new Promise<{ exit: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(engine.command, args, { env: { ...process.env, K6_NO_USAGE_REPORT: "true" }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "", stderr = "";
      child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
      const kill = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const signal = c.signalAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGTERM"), c.signalAfterMs);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(kill);
        clearTimeout(signal);
        resolve({ exit: code, stdout, stderr });
      });
    });
    const metrics = existsSync(exported) ? (JSON.parse(readFileSync(exported, "utf8")) as { metrics: Outcome["metrics"] }).metrics : {};
    return { exit, stdout, stderr, metrics, problems: problemsOf(c, exit, metrics) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const names = argv.flatMap((a, i) => (argv[i - 1] === "--engine" ? [a] : []));
  const engines = (names.length > 0 ? names : ["node"]).map((n) => {
    const engine = ENGINES[n as Engine["name"]];
    if (!engine) throw new Error(`--engine must be k6 or node; got "${n}"`);
    return engine;
  });
  const server = await startServer();
  let failed = 0;
  try {
    for (const c of CASES) {
      const runs = c.only ? engines.filter((e) => e.name === c.only) : engines;
      const outcomes = [];
      for (const engine of runs) outcomes.push({ engine: engine.name, ...(await runCase(c, engine, server.url)) });
      const exits = new Set(outcomes.map((o) => o.exit));
      const problems = [
        ...outcomes.flatMap((o) => o.problems.map((p) => `${o.engine}: ${p}`)),
        ...(exits.size > 1 ? [`the engines differ: ${outcomes.map((o) => `${o.engine} exit ${o.exit}`).join(", ")}`] : []),
      ];
      const shown = outcomes.map((o) => `${o.engine}=${o.exit}`).join(" ");
      process.stdout.write(`${problems.length === 0 ? "ok  " : "FAIL"} ${c.script.padEnd(28)} exit ${c.exit} (${shown})  ${c.why}\n`);
      for (const p of problems) process.stdout.write(`       ${p}\n`);
      if (problems.length > 0) {
        failed++;
        for (const o of outcomes) process.stdout.write(`       ${o.engine} stderr (tail): ${o.stderr.trim().split("\n").slice(-5).join("\n         ")}\n`);
      }
    }
  } finally {
    await server.close();
  }
  process.stdout.write(`\n${CASES.length - failed} of ${CASES.length} rows hold under ${engines.map((e) => e.name).join(" and ")}\n`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main(process.argv.slice(2));
