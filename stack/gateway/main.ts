/**
 * The ai-service gateway CLI: the node:cluster primary. Parses flags (bad flags: message and exit
 * 2), runs the worker "pods", reports to the parent over IPC when there is one, obeys
 * {type:"terminate",name}, and exits on SIGTERM/SIGINT or when the parent's IPC channel closes,
 * killing every worker first.
 */
import { fileURLToPath } from "node:url";
import { parseCli, USAGE, type Cli } from "./cli.ts";
import { startPrimary, type PrimaryMessage } from "./cluster.ts";
import { createLogger } from "./logger.ts";

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
  exec: fileURLToPath(new URL("./worker.ts", import.meta.url)),
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
