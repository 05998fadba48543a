// startStack: the whole local reference stack in one call, for `npm run stack`, `npm run chaos`
// and tests. Providers and the gateway are child processes (so they use the second core); the
// fault controller lives in this process and sits on the gateway's path to each provider.
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import { DEFAULT_PORTS, GATEWAY_PODS, type StackPorts } from "../contracts/local-stack.ts";
import { createFaultController, resolveFaultsAccess, type FaultController, type Pod, type PodDriver } from "./faults/index.ts";
import { parseFragility } from "./gateway/fragility.ts";
import { explainListenError, startChild, stopChild, type ChildOutput, type StartedChild } from "./launcher/child.ts";

export { DEFAULT_PORTS, type StackPorts } from "../contracts/local-stack.ts";

const script = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The `log` option of startStack: true prints, a path appends to that file ("inherit" = true). */
export type StackLog = boolean | string | undefined;

/** Options of startStack. */
export interface StackOptions {
  /** Fragility switches for the gateway (see stack/gateway/README.md); unknown ones are refused. */
  fragile?: string[];
  /** ai-service worker processes ("pods"); default 2. */
  replicas?: number;
  /** Delay before a killed pod is replaced, milliseconds; default 1000. */
  restartDelayMs?: number;
  /** "default": the documented ports (8080, 7070, 9001-2, 9101-2); "ephemeral": free ones; or some by name. */
  ports?: "default" | "ephemeral" | Partial<StackPorts>;
  /** Provider defaults: timing in milliseconds, output length in tokens. */
  provider?: { ttftMs?: number; itlMs?: number; outputTokens?: number; maxOutputTokens?: number };
  /** Extra gateway flags, e.g. ["--max-inflight", "64"]. */
  gatewayArgs?: string[];
  /** Logs: true prints them here, a path appends them to that file; default none. */
  log?: StackLog;
  /** Interface of the fault controller's API and links; default 127.0.0.1. Any non-loopback one needs faultsToken. */
  faultsHost?: string;
  /** Token the fault API requires (`Authorization: Bearer …`), at least 16 characters; default none. */
  faultsToken?: string;
  /** Called once if a part dies after the start (not during stop()), with a sentence saying which. */
  onExit?: (message: string) => void;
  /** Environment of the child processes (the pods inherit the gateway's); default this process's. */
  env?: NodeJS.ProcessEnv;
}

/** A running stack. */
export interface Stack {
  urls: { aiService: string; faults: string; providerA: string; providerB: string };
  faults: FaultController;
  /** The ai-service pods as the controller sees them. */
  pods: PodDriver;
  /** Process ids of the launcher's children: provider-a, provider-b, ai-service (the gateway primary). */
  pids: Record<string, number>;
  /** Clears faults and stops every process; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts providers, the fault controller and the gateway; on any failure stops what started and rejects saying why. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const access = resolveFaultsAccess(opts.faultsHost, opts.faultsToken);
  const fragile = [...parseFragility((opts.fragile ?? []).join(","))];
  const ports = resolvePorts(opts.ports);
  const output = openOutput(opts.log);
  const children: StartedChild[] = [];
  let faults: FaultController | null = null;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await faults?.reset().catch(() => undefined);
    await Promise.all(children.map((c) => stopChild(c.child)));
    await faults?.close();
    output.close();
  };
  try {
    const p = opts.provider ?? {};
    const providerArgs = (name: string, port: number) => [
      "--name", name, "--port", String(port),
      "--ttft", String(p.ttftMs ?? 50), "--itl", String(p.itlMs ?? 5),
      "--output-tokens", String(p.outputTokens ?? 32), "--max-output-tokens", String(p.maxOutputTokens ?? 2048),
    ];
    // Both start at once; if one fails the other must still be stopped, hence allSettled.
    const started = await Promise.allSettled([
      startChild("provider-a", script("./provider/main.ts"), providerArgs("provider-a", ports.providerA), output.children, undefined, opts.env),
      startChild("provider-b", script("./provider/main.ts"), providerArgs("provider-b", ports.providerB), output.children, undefined, opts.env),
    ]);
    for (const s of started) if (s.status === "fulfilled") children.push(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const [a, b] = children as [StartedChild, StartedChild];

    const pods = new GatewayPods();
    faults = await createFaultController({
      targets: [
        { name: "provider-a", upstream: `127.0.0.1:${a.port}`, listenPort: ports.linkA },
        { name: "provider-b", upstream: `127.0.0.1:${b.port}`, listenPort: ports.linkB },
        { name: "ai-service", pods },
      ],
      apiPort: ports.faults,
      host: access.faultsHost,
      ...(access.faultsToken === undefined ? {} : { token: access.faultsToken }),
      logger: output.logger,
    }).catch((err: unknown) => {
      throw explainListenError(err);
    });
    const gateway = await startChild("ai-service", script("./gateway/main.ts"), [
      "--port", String(ports.aiService),
      "--replicas", String(opts.replicas ?? GATEWAY_PODS),
      "--restart-delay", `${opts.restartDelayMs ?? 1000}ms`,
      "--provider-a", faults.linkUrl("provider-a"),
      "--provider-b", faults.linkUrl("provider-b"),
      ...(fragile.length > 0 ? [`--fragile=${fragile.join(",")}`] : []),
      ...(opts.gatewayArgs ?? []),
    ], output.children, pods.onMessage, opts.env);
    children.push(gateway);
    pods.attach(gateway.child);
    for (const c of children) {
      c.child.once("exit", (code, signal) => {
        if (!stopping) opts.onExit?.(`${c.name} exited unexpectedly (${signal ?? `code ${code}`})`);
      });
    }
    let stopped: Promise<void> | null = null;
    return {
      urls: {
        aiService: `http://127.0.0.1:${gateway.port}`,
        faults: faults.apiUrl,
        providerA: `http://127.0.0.1:${a.port}`,
        providerB: `http://127.0.0.1:${b.port}`,
      },
      faults,
      pods,
      pids: Object.fromEntries(children.map((c) => [c.name, c.child.pid ?? 0])),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

// --- internal ---

// "default", "ephemeral" (all 0), or some ports by name (the others free); throws naming a bad one.
function resolvePorts(ports: StackOptions["ports"]): StackPorts {
  if (ports === undefined || ports === "default") return { ...DEFAULT_PORTS };
  const names = Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[];
  const chosen = Object.fromEntries(names.map((name) => [name, 0])) as unknown as StackPorts;
  if (ports === "ephemeral") return chosen;
  if (typeof ports !== "object" || ports === null) throw new Error(`ports must be "default", "ephemeral" or an object of port numbers, got ${JSON.stringify(ports)}`);
  for (const [name, port] of Object.entries(ports)) {
    if (!(name in chosen)) throw new Error(`unknown port name ${JSON.stringify(name)}: accepted are ${names.join(", ")}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ports.${name} must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
    chosen[name as keyof StackPorts] = port;
  }
  return chosen;
}

// The children's output and the fault controller's logger for one `log` option: nowhere
// (default), this process's terminal, or a file.
function openOutput(log: StackLog): { children: ChildOutput; logger: Logger; close(): void } {
  if (log === undefined || log === false) return { children: "ignore", logger: pino({ level: "silent" }), close: () => {} };
  if (log === true || log === "inherit") return { children: "inherit", logger: pino({ name: "faults" }), close: () => {} };
  mkdirSync(dirname(log), { recursive: true });
  const file = createWriteStream(log, { flags: "a" });
  const destination = pino.destination({ dest: log, append: true, mkdir: true, sync: true });
  return {
    children: file,
    logger: pino({ name: "faults" }, destination),
    close: () => {
      file.end();
      destination.end();
    },
  };
}

// The ai-service pods as last reported by the gateway primary: its IPC (`{type:"pods"}` updates
// in, `{type:"terminate"}` orders out) adapted to the controller's PodDriver, the way a
// Kubernetes API would list and delete pods.
class GatewayPods implements PodDriver {
  private pods: Pod[] = [];
  private primary: ChildProcess | null = null;

  /** Feeds one IPC message from the gateway primary; other messages are ignored. */
  onMessage = (message: unknown): void => {
    const m = message as { type?: string; pods?: Pod[] };
    if (m?.type === "pods" && Array.isArray(m.pods)) this.pods = m.pods;
  };

  /** Binds the driver to the started gateway primary. */
  attach(primary: ChildProcess): void {
    this.primary = primary;
  }

  list(): Pod[] {
    return this.pods.map((p) => ({ ...p }));
  }

  terminate(name: string): void {
    if (!this.primary?.connected) throw new Error("the ai-service gateway is not running");
    this.primary.send({ type: "terminate", name });
  }
}
