/**
 * One "pod": the cluster worker entry. Reads its options from the environment the primary set
 * (GATEWAY_OPTIONS JSON, GATEWAY_PORT, GATEWAY_HOST, POD_NAME, GATEWAY_LOG_LEVEL), builds the
 * gateway and listens; readiness counts arrive from the primary over cluster IPC.
 */
import { createGateway } from "./app.ts";
import type { ReadinessMessage } from "./cluster.ts";
import type { WorkerOptions } from "./cli.ts";
import type { Readiness } from "./context.ts";

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
