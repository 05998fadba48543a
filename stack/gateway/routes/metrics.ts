import type { ServerResponse } from "node:http";
import type { GatewayContext } from "../context.ts";

/** GET /metrics: this worker's Prometheus metrics (each pod exposes its own, as on Kubernetes). */
export async function metricsRoute(ctx: GatewayContext, res: ServerResponse): Promise<void> {
  const text = await ctx.metrics.registry.metrics();
  res.writeHead(200, { "content-type": ctx.metrics.registry.contentType }).end(text);
}
