import type { ServerResponse } from "node:http";
import type { GatewayContext } from "../context.ts";

/** GET /healthz: liveness, 200 while the worker can answer at all. */
export function healthz(ctx: GatewayContext, res: ServerResponse): void {
  sendJson(res, 200, { status: "ok", pod: ctx.opts.podName });
}

/** GET /readyz: 200 when every desired pod runs, else 503 `{"ready":false,"pods":{ready,desired}}`. */
export function readyz(ctx: GatewayContext, res: ServerResponse): void {
  const pods = ctx.readiness();
  const ready = pods.ready >= pods.desired;
  sendJson(res, ready ? 200 : 503, { ready, pods });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store" }).end(body);
}
