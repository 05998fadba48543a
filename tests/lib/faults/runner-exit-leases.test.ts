// No fault outlives its run, end to end: provider-outage (built into a temp folder) runs in the
// Node runner against a real local stack; once its fault is active the runner is stopped. Ctrl-C
// (SIGINT) makes it run teardown, which clears the fault before the lease would have ended;
// SIGKILL skips teardown, and the controller ends the fault itself when the lease runs out.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { buildScenarios } from "../../../scripts/build.ts";
import { nodeRunner } from "../../../scripts/chaos/engine.ts";
import { startScenario, tailLines, type RunningScenario } from "../../../scripts/chaos/run-scenario.ts";
import { startStack, type Stack } from "../../../stack/index.ts";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const SCENARIO = "provider-outage";
// The smoke profile injects after a 4 s warm-up; the runner's start takes a few seconds more (ms).
const FAULT_APPEARS_MS = 15_000;
// After SIGINT: teardown's health probe and reset, then the summary (ms).
const EXIT_AFTER_SIGINT_MS = 15_000;
// How late past its expiry the controller may end a lease (timer and event-loop delay, ms).
const EXPIRY_SLACK_MS = 3_000;

interface Fault { id: string; state: string; expiresAt: string }

const tmp = mkdtempSync(join(tmpdir(), "runner-exit-leases-"));
let stack: Stack;
const runners: RunningScenario[] = [];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  await buildScenarios({ names: [SCENARIO], flavors: ["local"], outDir: tmp });
  stack = await startStack({ ports: "ephemeral" });
});
after(async () => {
  for (const r of runners) r.kill(); // a no-op for one that has ended
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function listFaults(): Promise<Fault[]> {
  const res = await fetch(`${stack.urls.faults}/faults`, { signal: AbortSignal.timeout(2_000) });
  return ((await res.json()) as { faults: Fault[] }).faults;
}

/**
 * Starts the runner on the built scenario at the smoke profile, through `npm run chaos`'s runner
 * of a scenario; `output` is the end of its log, for failure messages.
 */
function startRunner() {
  const outDir = join(tmp, `run-${runners.length}`);
  const runner = startScenario({
    name: SCENARIO, engine: nodeRunner(ROOT, "test"), scriptDir: join(tmp, "local"), outDir,
    target: { baseUrl: stack.urls.aiService, faultsUrl: stack.urls.faults }, vars: { PROFILE: "smoke" }, timeoutMs: 60_000,
  });
  runners.push(runner);
  return { runner, output: () => tailLines(join(outDir, SCENARIO, "stderr.txt"), 40) };
}

/** The scenario's fault once the controller lists it as active; fails after FAULT_APPEARS_MS. */
async function activeFault(output: () => string): Promise<Fault> {
  const until = Date.now() + FAULT_APPEARS_MS;
  for (;;) {
    const fault = (await listFaults()).find((f) => f.state === "active");
    if (fault) return fault;
    if (Date.now() > until) assert.fail(`no active fault within ${FAULT_APPEARS_MS / 1000}s; runner output:\n${output()}`);
    await pause(100);
  }
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => void (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000}s`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe("a fault when the runner is stopped during it", () => {
  it("is cleared by teardown on Ctrl-C (SIGINT): exit 105 and no fault left before its lease ends", { timeout: 30_000 }, async () => {
    const { runner, output } = startRunner();
    const fault = await activeFault(output);
    runner.interrupt();
    const exit = await within(EXIT_AFTER_SIGINT_MS, "the runner's exit after SIGINT", runner.result);
    assert.deepEqual([exit.exitCode, exit.reason], [105, "exit 105: interrupted (SIGINT/SIGTERM)"], output());
    const left = await listFaults();
    const checkedAt = Date.now();
    assert.deepEqual(left, [], "teardown's POST /reset ended every fault");
    assert.ok(checkedAt < Date.parse(fault.expiresAt), "the fault was gone before its lease would have ended it");
  });

  it("ends on its own when its lease runs out after the runner is killed (SIGKILL, no teardown)", { timeout: 30_000 }, async () => {
    await fetch(`${stack.urls.faults}/reset`, { method: "POST" });
    const { runner, output } = startRunner();
    const fault = await activeFault(output);
    runner.kill();
    const exit = await runner.result;
    assert.deepEqual([exit.exitCode, exit.reason], [null, "killed by SIGKILL"]);
    assert.ok((await listFaults()).some((f) => f.id === fault.id), "nobody cleared the fault: it is still active after the kill");
    const expiresAt = Date.parse(fault.expiresAt);
    for (;;) {
      const left = await listFaults();
      if (left.length === 0) break;
      assert.ok(Date.now() < expiresAt + EXPIRY_SLACK_MS, `${fault.id} still listed ${EXPIRY_SLACK_MS / 1000}s past its expiry: ${JSON.stringify(left)}`);
      await pause(100);
    }
    assert.ok(Date.now() >= expiresAt, "the fault ended when its lease expired, not before");
  });
});
