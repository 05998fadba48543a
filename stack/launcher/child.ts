// Starts one part of the stack as a child process and waits for its `{type:"listening"}` IPC
// message, so that the launcher knows the real port (tests run everything on port 0).
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { Writable } from "node:stream";

/** A started child and the port it listens on. */
export interface StartedChild {
  name: string;
  child: ChildProcess;
  port: number;
}

/** Where a child's stdout/stderr go: inherited (foreground stack), a file stream, or nowhere. */
export type ChildOutput = "inherit" | "ignore" | Writable;

const START_TIMEOUT_MS = 20_000;

/** Forks `script` (TypeScript, through tsx) with `args`; resolves once it listens. */
export async function startChild(name: string, script: string, args: string[], output: ChildOutput, onMessage?: (m: unknown) => void): Promise<StartedChild> {
  const child = fork(script, args, {
    execArgv: ["--import", "tsx"],
    stdio: [ "ignore", output === "inherit" ? "inherit" : "pipe", "pipe", "ipc"],
  });
  let stderrTail = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderrTail = (stderrTail + d.toString()).slice(-2000);
    if (output === "inherit") process.stderr.write(d);
    else if (output !== "ignore") output.write(d);
  });
  if (output !== "inherit" && output !== "ignore") child.stdout?.pipe(output, { end: false });
  else child.stdout?.resume();
  if (onMessage) child.on("message", onMessage);

  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start listening within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
    child.on("message", (m: { type?: string; port?: number }) => {
      if (m?.type === "listening" && typeof m.port === "number") {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening (${signal ?? `code ${code}`}): ${explain(stderrTail)}`));
    });
  });
  try {
    return { name, child, port: await listening };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

function explain(stderr: string): string {
  if (/EADDRINUSE/.test(stderr)) return `its port is in use: is another stack running? Stop it, or start with --ephemeral-ports (${lastLine(stderr)})`;
  return lastLine(stderr) || "no output";
}

function lastLine(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ");
}
