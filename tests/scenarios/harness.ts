// The test suites' way to run a scenario: the one runner of `npm run chaos`
// (scripts/chaos/run-scenario.ts) with the Node runner on build/local/<name>.js at the smoke
// profile against a running stack, so the suites judge exactly as the command does (exit code,
// breached thresholds from the summary export). Shared by the resilient suite (tests/scenarios)
// and the fragility matrix (tests/matrix); also starts the stack whose gateway bypasses a provider.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scenarioNames } from "../../scripts/chaos/catalogue.ts";
import { nodeRunner } from "../../scripts/chaos/engine.ts";
import { runOneScenario, tailLines } from "../../scripts/chaos/run-scenario.ts";
import type { ScenarioResult } from "../../scripts/chaos/types.ts";
import { startStack, type Stack, type StackOptions } from "../../stack/index.ts";
import { portInUse } from "../../stack/launcher/child.ts";

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every scenario, by file name (scenarios/<name>.ts). */
export const SCENARIOS: readonly string[] = scenarioNames(join(ROOT, "scenarios"));

// A smoke run is ~22 s; hung requests get REQUEST_TIMEOUT + 2 s of graceful stop on top. Past
// this the runner itself is stuck: the watchdog interrupts it (and kills it 30 s later) rather
// than stalling CI.
const RUN_LIMIT_MS = 120_000;
// Lines of the runner's stderr kept for failure messages.
const LOG_LINES = 25;

/**
 * Runs build/local/<scenario>.js at the smoke profile against `urls` (a started stack's) with
 * `vars` on top. The run's files go to a temporary folder, removed afterwards; `keepSummary`
 * copies the summary export there first. The result carries the stderr tail whatever the verdict.
 */
export async function runSmoke(scenario: string, urls: { aiService: string; faults: string }, opts: { vars?: Record<string, string>; keepSummary?: string } = {}): Promise<ScenarioResult> {
  const outDir = mkdtempSync(join(tmpdir(), `ai-chaos-${scenario}-`));
  try {
    const result = await runOneScenario({
      name: scenario, engine: nodeRunner(ROOT, "tests"), scriptDir: join(ROOT, "build", "local"), outDir,
      target: { baseUrl: urls.aiService, faultsUrl: urls.faults }, vars: { PROFILE: "smoke", ...opts.vars }, timeoutMs: RUN_LIMIT_MS,
    });
    if (opts.keepSummary && result.files.includes(`${scenario}/summary.json`)) copyFileSync(join(outDir, scenario, "summary.json"), opts.keepSummary);
    return { ...result, stderrTail: tailLines(join(outDir, scenario, "stderr.txt"), LOG_LINES) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The threshold keys (metric with its tag filter) with at least one breached expression, sorted. */
export function breachedKeys(r: ScenarioResult): string[] {
  return [...new Set(r.breaches.map((b) => b.metric))].sort();
}

/** "`key`: `expression`" of every breached threshold, for messages. */
export function breachedExpressions(r: ScenarioResult): string[] {
  return r.breaches.map((b) => `${b.metric}: ${b.threshold}`);
}

/** "exited 99 in 23s (2 thresholds breached), breaching k: e; k2: e2", then the stderr tail: a failure message. */
export function describeRun(r: ScenarioResult): string {
  return `exited ${r.exitCode} in ${Math.round(r.durationMs / 1_000)}s (${r.reason}), breaching ${breachedExpressions(r).join("; ") || "nothing"}\n${r.stderrTail ?? ""}`;
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

/** A free loopback port now; someone may take it before it is used, so callers retry. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Attempts at a free port for the other provider's link: a port taken in between fails one start.
const BYPASS_ATTEMPTS = 3;

/**
 * A stack (ephemeral ports) whose gateway never calls `bypassed`: its `--provider-a` (or `-b`) is
 * the other provider's link, so every fault on `bypassed` lands on nothing (issue 14's
 * inconclusive verdict). The other link's port is picked before the start because the gateway's
 * flags are fixed then; startStack passes `gatewayArgs` after its own, and the last one wins.
 */
export async function startStackBypassing(bypassed: "provider-a" | "provider-b", opts: Omit<StackOptions, "ports" | "gatewayArgs"> = {}): Promise<Stack> {
  const otherLink = bypassed === "provider-a" ? "linkB" : "linkA";
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startStack({ ...opts, ports: { [otherLink]: port }, gatewayArgs: [`--${bypassed}`, `http://127.0.0.1:${port}`] });
    } catch (err) {
      // Only the port taken in between is worth another attempt.
      if (attempt >= BYPASS_ATTEMPTS || (err as Error).message !== portInUse(port)) throw err;
    }
  }
}
