import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The runner's bin, as `npx ai-chaos` starts it. */
export const BIN = fileURLToPath(new URL("../../../runner/bin.mjs", import.meta.url));
/** Folder of the small k6 scripts the CLI tests run (the conformance scripts). */
export const SCRIPTS = fileURLToPath(new URL("../conformance/", import.meta.url));

/** What one CLI run produced. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `ai-chaos <args>` as a child process with a hard time limit (the child is killed past
 * it, so a hanging runner fails the test instead of hanging it). `onSpawn` gets the child.
 */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; onStart?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
    opts.onStart?.(child);
  });
}

/** The JSON object a script's handleSummary printed on stdout as its last line. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as Record<string, unknown>;
}
