import { fork, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import type { Pod, PrimaryMessage } from "../../../stack/gateway/cluster.ts";

export { alive } from "../launcher/processes.ts";

const MAIN = fileURLToPath(new URL("../../../stack/gateway/main.ts", import.meta.url));

/** A gateway primary running as a child process, as the stack launcher runs it. */
export interface ClusterRig {
  child: ChildProcess;
  port: number;
  /** Every pods list the primary reported, oldest first. */
  history: Pod[][];
  /** Resolves with the first reported pods list (past or future) that satisfies `pred`. */
  waitForPods(pred: (pods: Pod[]) => boolean, timeoutMs?: number): Promise<Pod[]>;
  /** Everything the primary and its workers wrote to stderr so far. */
  stderr(): string;
  /** Resolves once the child has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Forks main.ts with `--port 0` and the given flags, and `env` over this process's environment
 * minus POD_NAME (a test host that is itself a Kubernetes pod must not rename the workers);
 * resolves once it reports `listening`.
 */
export async function startCluster(args: string[], env: Record<string, string> = {}): Promise<ClusterRig> {
  const { POD_NAME: _ambient, ...inherited } = process.env;
  const child = fork(MAIN, ["--port", "0", "--log-level", "error", ...args], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"], env: { ...inherited, ...env } });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const history: Pod[][] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("gateway did not report listening within 15 s")), 15_000);
    child.on("message", (msg: PrimaryMessage) => {
      if (msg.type === "pods") history.push(msg.pods);
      if (msg.type === "listening") (clearTimeout(timer), resolve(msg.port));
      for (const w of waiters) w();
    });
    void exited.then((code) => reject(new Error(`gateway exited with ${code} before listening: ${stderr}`)));
  });
  const waitForPods = (pred: (pods: Pod[]) => boolean, timeoutMs = 10_000): Promise<Pod[]> =>
    new Promise((resolve, reject) => {
      const found = history.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(() => (waiters.delete(check), reject(new Error(`no matching pods report in ${timeoutMs} ms: ${JSON.stringify(history.at(-1))}`))), timeoutMs);
      const check = (): void => {
        const last = history.at(-1);
        if (last && pred(last)) (clearTimeout(timer), waiters.delete(check), resolve(last));
      };
      waiters.add(check);
    });
  return {
    child,
    port,
    history,
    waitForPods,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** One HTTP request on a fresh connection (no keep-alive: a killed pod must not hold our socket). */
export function httpOnce(port: number, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, agent: false, headers: body ? { "content-type": "application/json" } : {}, timeout: 5000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

