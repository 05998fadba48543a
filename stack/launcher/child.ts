// Starts one part of the stack as a child process and waits for its `{type:"listening"}` IPC
// message, so that the launcher knows the real port (tests run everything on port 0). A port in
// use gets one sentence, whichever part found it taken (a child, or the controller in-process).
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";

/** A started child and the port it listens on. */
export interface StartedChild {
  name: string;
  child: ChildProcess;
  port: number;
}

/** Where a child's stdout/stderr go: inherited (foreground stack), a file stream, or nowhere. */
export type ChildOutput = "inherit" | "ignore" | Writable;

// tsx startup plus a cluster of workers on a busy 2-core machine takes seconds; 20 s means stuck.
const START_TIMEOUT_MS = 20_000;
// Resolved here, not by the child from its cwd, so the stack starts from any working directory.
const TSX = import.meta.resolve("tsx");

/**
 * Forks `script` (TypeScript, through tsx) with `args` and `env` (default this process's); resolves
 * once it listens, rejects with its stderr tail otherwise.
 */
export async function startChild(name: string, script: string, args: string[], output: ChildOutput, onMessage?: (m: unknown) => void, env?: NodeJS.ProcessEnv): Promise<StartedChild> {
  const child = fork(script, args, {
    execArgv: ["--import", TSX],
    ...(env ? { env } : {}),
    stdio: ["ignore", output === "inherit" ? "inherit" : "pipe", "pipe", "ipc"],
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

  let timer: NodeJS.Timeout | undefined;
  const listening = new Promise<number>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not start listening within ${START_TIMEOUT_MS / 1000}s: ${lastLines(stderrTail)}`)), START_TIMEOUT_MS);
    const onListening = (m: { type?: string; port?: number }) => {
      if (m?.type !== "listening" || typeof m.port !== "number") return;
      child.off("message", onListening).off("exit", onExit);
      resolve(m.port);
    };
    // 'exit' may come before the last stderr chunk; 'close' may never come while a grandchild
    // holds the pipe. So: the end of stderr, or 200 ms, whichever is first.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const drained = child.stderr && !child.stderr.readableEnded ? once(child.stderr, "end") : Promise.resolve();
      void Promise.race([drained, delay(200)]).then(() =>
        reject(new Error(`${name} exited before listening (${signal ?? `code ${code}`}): ${explain(stderrTail)}`)),
      );
    };
    child.on("message", onListening).once("exit", onExit);
  });
  try {
    return { name, child, port: await listening };
  } catch (err) {
    await stopChild(child);
    throw err;
  } finally {
    clearTimeout(timer);
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

/** "port N is in use: ..." with what to do about it. */
export function portInUse(port: number): string {
  return `port ${port} is in use: another stack running? Stop it, or use free ports (npm run stack -- --ephemeral-ports; startStack({ ports: "ephemeral" }))`;
}

/** Rewrites a listen EADDRINUSE error into portInUse's sentence; other errors pass unchanged. */
export function explainListenError(err: unknown): unknown {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code !== "EADDRINUSE") return err;
  return new Error(portInUse(e.port ?? Number(/:(\d+)$/.exec(e.message)?.[1])), { cause: err });
}

function explain(stderr: string): string {
  const port = /EADDRINUSE.*?:(\d+)|port (\d+) is in use/.exec(stderr);
  if (port) return portInUse(Number(port[1] ?? port[2]));
  // A CLI prints its complaint, then its usage: the complaint is the line worth showing.
  const complaint = stderr.split("\n").find((line) => /error|must|invalid|expected|unknown|cannot|not /i.test(line));
  return complaint?.trim() ?? (lastLines(stderr) || "no output");
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ");
}
