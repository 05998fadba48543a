/**
 * The ai-service gateway process, in both of its node:cluster roles (this file is forked as each
 * worker). The primary parses flags (bad flags: message and exit 2), runs the worker "pods",
 * reports to the parent over IPC when there is one, obeys {type:"terminate",name}, and exits 0 on
 * SIGTERM/SIGINT or when the parent's IPC channel closes, killing every worker first. A worker
 * reads its options from the environment the primary set (GATEWAY_OPTIONS JSON, GATEWAY_PORT,
 * GATEWAY_HOST, POD_NAME, GATEWAY_LOG_LEVEL), builds the gateway and listens.
 */
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { parseCli, USAGE, type Cli, type WorkerOptions } from "./cli.ts";
import { startPrimary, type PrimaryMessage, type ReadinessMessage } from "./cluster.ts";
import type { Readiness } from "./context.ts";
import { createLogger } from "./logger.ts";

if (cluster.isPrimary) runPrimary();
else await runWorker();

function runPrimary(): void {
  let cli: Cli;
  try {
    if (process.argv.includes("--help")) {
      console.log(USAGE);
      process.exit(0);
    }
    cli = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`ai-service: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const log = createLogger(cli.logLevel, "ai-service-primary");
  const send = (msg: PrimaryMessage): void => {
    if (process.send && process.connected) process.send(msg);
  };
  const primary = startPrimary({
    exec: fileURLToPath(import.meta.url),
    port: cli.port,
    host: cli.host,
    replicas: cli.replicas,
    restartDelayMs: cli.restartDelayMs,
    restart: !cli.worker.fragility.includes("restart"),
    env: { GATEWAY_OPTIONS: JSON.stringify(cli.worker), GATEWAY_LOG_LEVEL: cli.logLevel },
    podName: process.env.POD_NAME,
    send,
    log,
    onStartupFailure: (reason) => void shutdown(`startup failed: ${reason}`, 1),
  });

  let exiting = false;
  async function shutdown(reason: string, code: number): Promise<void> {
    if (exiting) return;
    exiting = true;
    log[code === 0 ? "info" : "error"]({ event: "shutdown", reason });
    await primary.stop();
    process.exit(code);
  }

  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  if (process.send) {
    process.on("disconnect", () => void shutdown("parent IPC channel closed", 0));
    process.on("message", (msg: { type?: string; name?: string }) => {
      if (msg?.type !== "terminate") return;
      const name = String(msg.name);
      if (!primary.terminate(name)) log.warn({ event: "terminate_unknown", name, pods: primary.pods().map((p) => p.name) });
      else log.warn({ event: "terminate", name });
    });
  }
}

async function runWorker(): Promise<void> {
  // Loaded here only: the primary never serves, so it never loads the pools, metrics and schema.
  const { createGateway } = await import("./app.ts");
  const env = process.env;
  const options = JSON.parse(env.GATEWAY_OPTIONS ?? "{}") as WorkerOptions;
  let readiness: Readiness = { ready: 0, desired: 1 };
  process.on("message", (msg: ReadinessMessage) => {
    if (msg?.type === "readiness") readiness = { ready: msg.ready, desired: msg.desired };
  });
  // Exit at once on SIGTERM: the primary replaces or stops us; in-flight requests are cut as a pod kill would.
  process.on("SIGTERM", () => process.exit(0));
  const server = createGateway(
    { ...options, fragility: new Set(options.fragility), podName: env.POD_NAME ?? "ai-service-0" },
    { logLevel: env.GATEWAY_LOG_LEVEL ?? "info", readiness: () => readiness },
  );
  server.listen(Number(env.GATEWAY_PORT ?? 8080), env.GATEWAY_HOST ?? "127.0.0.1");
}
