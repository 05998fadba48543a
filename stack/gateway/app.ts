import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { chatCompletions } from "./chat-completions.ts";
import { buildContext, type GatewayContext, type GatewayDeps } from "./context.ts";
import { sendError, sendJson } from "./errors.ts";
import { resolveOptions, type GatewayInput } from "./options.ts";

type Handler = (ctx: GatewayContext, req: IncomingMessage, res: ServerResponse, startedAt: number, log: GatewayContext["log"]) => void | Promise<void>;

interface Route {
  method: "GET" | "POST";
  auth: boolean;
  handler: Handler;
}

const ROUTES: Record<string, Route> = {
  "/v1/chat/completions": { method: "POST", auth: true, handler: chatCompletions },
  // The configured model ids in OpenAI's list shape; a chat request for another model is a 404.
  "/v1/models": {
    method: "GET",
    auth: true,
    handler: (ctx, _req, res) => sendJson(res, 200, { object: "list", data: ctx.opts.models.map((id) => ({ id, object: "model", created: 0, owned_by: "ai-service" })) }),
  },
  // Liveness: 200 while the worker can answer at all.
  "/healthz": { method: "GET", auth: false, handler: (ctx, _req, res) => sendJson(res, 200, { status: "ok", pod: ctx.opts.podName }, { "cache-control": "no-store" }) },
  // Readiness: 200 when every desired pod runs, else 503 with the counts the primary pushes.
  "/readyz": {
    method: "GET",
    auth: false,
    handler: (ctx, _req, res) => {
      const pods = ctx.readiness();
      const ready = pods.ready >= pods.desired;
      sendJson(res, ready ? 200 : 503, { ready, pods }, { "cache-control": "no-store" });
    },
  },
  // This worker's Prometheus metrics: each pod exposes its own, as on Kubernetes.
  "/metrics": {
    method: "GET",
    auth: false,
    handler: async (ctx, _req, res) => void res.writeHead(200, { "content-type": ctx.metrics.registry.contentType }).end(await ctx.metrics.registry.metrics()),
  },
};

/**
 * Builds one gateway worker's HTTP server (not listening). Closing the server destroys its
 * upstream pools; call `closeAllConnections()` first to cut hanging requests.
 */
export function createGateway(input: GatewayInput, deps: GatewayDeps = {}): Server {
  const ctx = buildContext(resolveOptions(input), deps);
  const server = createServer((req, res) => void handle(ctx, req, res));
  server.on("close", () => {
    for (const p of ctx.providers) void p.pool.destroy();
    for (const b of ctx.policy.breakers.values()) b.dispose();
  });
  return server;
}

async function handle(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = Date.now();
  const id = typeof req.headers["x-request-id"] === "string" ? req.headers["x-request-id"] : randomUUID();
  res.setHeader("x-request-id", id);
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const route = ROUTES[path];
  const routeLabel = route ? path : "unmatched";
  res.once("finish", () => {
    const provider = String(res.getHeader("x-provider") ?? "none");
    ctx.metrics.requests.inc({ route: routeLabel, status: String(res.statusCode), provider });
    ctx.metrics.duration.observe({ route: routeLabel }, (Date.now() - startedAt) / 1000);
  });
  if (!route) return sendError(res, "not_found", `no route ${req.method} ${path}; routes are ${Object.keys(ROUTES).join(", ")}`);
  if (req.method !== route.method) {
    return sendError(res, "method_not_allowed", `${path} accepts ${route.method}, not ${req.method}`, { headers: { allow: route.method } });
  }
  if (route.auth && !isAuthorized(req, ctx.opts.apiKey)) {
    return sendError(res, "unauthorized", "missing or wrong API key: send Authorization: Bearer <key>");
  }
  const log = ctx.log.child({ reqId: id });
  try {
    await route.handler(ctx, req, res, startedAt, log);
  } catch (err) {
    log.error({ event: "handler_error", err });
    if (ctx.opts.fragility.has("validation")) {
      // Without validation there is no safety net either: the raw failure leaks to the client.
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`Internal Server Error: ${(err as Error).message}\n`);
      return;
    }
    if (res.headersSent) res.destroy(err as Error);
    else sendError(res, "internal_error", "the gateway failed to handle the request");
  }
}

/** True when no key is configured or the request carries `Authorization: Bearer <key>`. */
function isAuthorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  if (apiKey === undefined || apiKey === "") return true;
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  // Compare digests so that the comparison takes the same time whatever the token's length.
  const digest = (s: string): Buffer => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(token), digest(apiKey));
}
