// Runs a built scenario with the Node runner against a running stack, as CI and `npm run chaos`
// do (`node runner/bin.mjs run build/local/<name>.js -e PROFILE=smoke ...`), and reads back the
// exit code and the thresholds the summary export marks as breached. Shared by the resilient
// suite (tests/scenarios) and the fragility matrix (tests/matrix).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every scenario, by file name (scenarios/<name>.ts). */
export const SCENARIOS: readonly string[] = readdirSync(join(ROOT, "scenarios"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => basename(f, ".ts"))
  .sort();

/** Where a scenario runs. */
export interface Target {
  baseUrl: string;
  faultsUrl: string;
}

/** What one run came to. */
export interface RunResult {
  scenario: string;
  /** The runner's exit code (k6's: 0 pass, 99 thresholds breached, 108 aborted...). */
  code: number | null;
  /** Threshold keys with at least one breached expression, e.g. `ai_req_failed{phase:during}`. */
  breached: string[];
  /** `key: expression` of every breached threshold, for messages. */
  breachedExpressions: string[];
  wallMs: number;
  /** The last lines of the runner's output, for failure messages. */
  tail: string;
}

// A smoke run is ~22 s; hung requests get REQUEST_TIMEOUT + 2 s of graceful stop on top. Past
// this the runner itself is stuck, and the run is killed rather than stalling CI.
const RUN_LIMIT_MS = 120_000;

/** Thresholds the legacy summary export marks as failed (`true` means breached there). */
export function breachedThresholds(summary: unknown): { keys: string[]; expressions: string[] } {
  const metrics = (summary as { metrics?: Record<string, { thresholds?: Record<string, boolean> }> } | null)?.metrics ?? {};
  const keys: string[] = [];
  const expressions: string[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    const failed = Object.entries(metric.thresholds ?? {}).filter(([, breached]) => breached === true);
    if (failed.length === 0) continue;
    keys.push(key);
    for (const [expr] of failed) expressions.push(`${key}: ${expr}`);
  }
  return { keys: keys.sort(), expressions: expressions.sort() };
}

/** Runs build/local/<scenario>.js at the smoke profile against `target`; `keepSummary` copies the summary export there. */
export async function runScenario(scenario: string, target: Target, env: Record<string, string> = {}, keepSummary?: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), `ai-chaos-${scenario}-`));
  const summaryFile = join(dir, "summary.json");
  const envFlags = Object.entries({ PROFILE: "smoke", BASE_URL: target.baseUrl, FAULTS_URL: target.faultsUrl, ...env }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const args = [join(ROOT, "runner", "bin.mjs"), "run", join(ROOT, "build", "local", `${scenario}.js`), ...envFlags, "--summary-export", summaryFile, "-q"];
  const started = Date.now();
  let output = "";
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_LIMIT_MS);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      done(exitCode);
    });
  });
  let breached = { keys: [] as string[], expressions: [] as string[] };
  try {
    const text = readFileSync(summaryFile, "utf8");
    if (keepSummary) writeFileSync(keepSummary, text);
    breached = breachedThresholds(JSON.parse(text));
  } catch {
    // no summary (the run died before writing it): the exit code tells
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const tail = output.split("\n").filter((l) => /ERRO|WARN|✗|error/i.test(l)).slice(-25).join("\n");
  return { scenario, code, breached: breached.keys, breachedExpressions: breached.expressions, wallMs: Date.now() - started, tail };
}

/** Waits until `url` answers 200 (the stack settled after the previous run: pods back, breakers closed). */
export async function waitFor200(url: string, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${limitMs / 1_000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A smoke run judges ~110 requests per phase, so a verdict near a threshold can flip on a shared
 * 2-core machine. A run whose verdict is not the expected one is run once more; both results are
 * returned, so the report shows the flip (a broken scenario or switch fails both times).
 */
export async function runTwiceIfNeeded(runOnce: () => Promise<RunResult>, expected: (r: RunResult) => boolean): Promise<RunResult[]> {
  const first = await runOnce();
  if (expected(first)) return [first];
  return [first, await runOnce()];
}

/** The diagnostic for a verdict that needed its second run; undefined when the first was the expected one. */
export function firstRunNote(runs: readonly RunResult[]): string | undefined {
  const first = runs[0];
  if (runs.length < 2 || !first) return undefined;
  return `first run exited ${first.code}, breaching ${first.breachedExpressions.join("; ") || "nothing"}; run again`;
}
