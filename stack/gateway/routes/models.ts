import type { ServerResponse } from "node:http";
import type { GatewayContext } from "../context.ts";

/** GET /v1/models: the configured model ids in OpenAI's list shape. */
export function listModels(ctx: GatewayContext, res: ServerResponse): void {
  const body = JSON.stringify({
    object: "list",
    data: ctx.opts.models.map((id) => ({ id, object: "model", created: 0, owned_by: "ai-service" })),
  });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}
