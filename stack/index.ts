// startStack: the whole local reference stack in one call, for `npm run stack`, `npm run chaos`
// and tests. Providers and the gateway are child processes (so they use the second core); the
// fault controller lives in this process and sits on the gateway's path to each provider.
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createFaultController, type FaultController } from "./faults/index.ts";
import { parseFragility } from "./gateway/fragility.ts";
import { startChild, stopChild, type ChildOutput, type StartedChild } from "./launcher/child.ts";
import { GatewayPods } from "./launcher/gateway-pods.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** Options of startStack. */
export interface StackOptions {
  /** Fragility switches for the gateway (see stack/gateway/README.md). */
  fragile?: string[];
  /** ai-service worker processes ("pods"); default 2. */
  replicas?: number;
  /** Delay before a killed pod is replaced, milliseconds; default 1000. */
  restartDelayMs?: number;
  /** "default": the documented ports (8080, 7070, 9001-2, 9101-2); "ephemeral": free ones. */
  ports?: "default" | "ephemeral";
  /** Provider timing defaults (milliseconds). */
  provider?: { ttftMs?: number; itlMs?: number; outputTokens?: number };
  /** Extra gateway flags, e.g. ["--max-inflight", "64"]. */
  gatewayArgs?: string[];
  /** Logs: "inherit" prints them, a path appends them to that file, default none. */
  log?: "inherit" | string;
}

/** A running stack. */
export interface Stack {
  urls: { aiService: string; faults: string; providerA: string; providerB: string };
  faults: FaultController;
  pods: GatewayPods;
  /** Clears faults and stops every process; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts providers, the fault controller and the gateway; on any failure stops what started. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const fragile = [...parseFragility((opts.fragile ?? []).join(","))];
  const fixed = (opts.ports ?? "default") === "default";
  const output = outputFor(opts.log);
  const children: StartedChild[] = [];
  let faults: FaultController | null = null;
  const stopAll = async () => {
    await faults?.reset().catch(() => undefined);
    await Promise.all(children.map((c) => stopChild(c.child)));
    await faults?.close();
    if (typeof output === "object") output.end();
  };
  try {
    const p = opts.provider ?? {};
    const providerArgs = (name: string, port: number) => [
      "--name", name, "--port", String(fixed ? port : 0),
      "--ttft", String(p.ttftMs ?? 50), "--itl", String(p.itlMs ?? 5), "--output-tokens", String(p.outputTokens ?? 32),
    ];
    // Both start at once; whichever started is kept in `children` so a failure stops it too.
    const started = await Promise.allSettled(
      (["provider-a", "provider-b"] as const).map((name, i) => startChild(name, join(here, "provider/main.ts"), providerArgs(name, 9001 + i), output)),
    );
    for (const s of started) if (s.status === "fulfilled") children.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    const [a, b] = children as [StartedChild, StartedChild];
    const pods = new GatewayPods();
    faults = await createFaultController({
      targets: [
        { name: "provider-a", upstream: `127.0.0.1:${a.port}`, listenPort: fixed ? 9101 : 0 },
        { name: "provider-b", upstream: `127.0.0.1:${b.port}`, listenPort: fixed ? 9102 : 0 },
        { name: "ai-service", pods },
      ],
      apiPort: fixed ? 7070 : 0,
      logger: controllerLogger(opts.log),
    });
    const gateway = await startChild("ai-service", join(here, "gateway/main.ts"), [
      "--port", String(fixed ? 8080 : 0),
      "--replicas", String(opts.replicas ?? 2),
      "--restart-delay", `${opts.restartDelayMs ?? 1000}ms`,
      "--provider-a", faults.linkUrl("provider-a"),
      "--provider-b", faults.linkUrl("provider-b"),
      ...(fragile.length > 0 ? [`--fragile=${fragile.join(",")}`] : []),
      ...(opts.gatewayArgs ?? []),
    ], output, pods.onMessage);
    children.push(gateway);
    pods.attach(gateway.child);
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
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function outputFor(log: StackOptions["log"]): ChildOutput {
  if (log === undefined) return "ignore";
  if (log === "inherit") return "inherit";
  mkdirSync(dirname(log), { recursive: true });
  return createWriteStream(log, { flags: "a" });
}

function controllerLogger(log: StackOptions["log"]) {
  if (log === undefined) return pino({ level: "silent" });
  if (log === "inherit") return pino({ name: "faults" });
  return pino({ name: "faults" }, pino.destination({ dest: log, append: true, mkdir: true }));
}
