// The fault controller's REST API (Toxiproxy's api.go, for our model), built apart from
// listening. Every request gets an x-request-id; browsers are refused (a localhost control plane
// must not be drivable by a web page); with a token, every request but GET /healthz must carry
// it (auth.ts); every error comes from the table in errors.ts.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { bearerCheck, type BearerCheck } from "./auth.ts";
import { createFault, kindsFor, type CreateDeps } from "./create-fault.ts";
import { ApiError, sendError } from "./errors.ts";
import type { TargetRuntime } from "./kinds/kind.ts";

// Largest accepted request body, bytes (a fault body is a few hundred).
const MAX_BODY_BYTES = 64 * 1024;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, param: string) => Promise<void> | void;
type Routes = { pattern: RegExp; methods: Record<string, Handler> }[];

/** Builds the API server (not listening); with `token`, requests must carry it (checked in auth.ts, validated by the caller). */
export function createApp(deps: CreateDeps, token?: string): http.Server {
  const authorize = token === undefined ? undefined : bearerCheck(token);
  const routes: Routes = [
    { pattern: /^\/healthz$/, methods: { GET: (_q, res) => sendJson(res, 200, { status: "ok" }) } },
    { pattern: /^\/targets$/, methods: { GET: (_q, res) => sendJson(res, 200, { targets: [...deps.targets.values()].map(describeTarget) }) } },
    {
      pattern: /^\/targets\/([^/]+)$/,
      methods: {
        GET: (_q, res, name) => {
          const target = deps.targets.get(name);
          if (!target) throw new ApiError("target_not_found", { target: name, accepted: [...deps.targets.keys()].join(", ") });
          sendJson(res, 200, describeTarget(target));
        },
      },
    },
    {
      pattern: /^\/faults$/,
      methods: {
        GET: (_q, res) => sendJson(res, 200, { faults: deps.leases.list() }),
        POST: async (req, res) => sendJson(res, 201, await createFault(deps, await readJsonBody(req))),
      },
    },
    {
      pattern: /^\/faults\/([^/]+)$/,
      methods: {
        GET: (_q, res, id) => sendJson(res, 200, deps.leases.get(id) ?? notFound(id, "read")),
        DELETE: async (_q, res, id) => {
          if (!(await deps.leases.end(id, "deleted"))) notFound(id, "delete");
          res.writeHead(204).end();
        },
      },
    },
    {
      pattern: /^\/reset$/,
      methods: {
        POST: async (_q, res) => {
          await deps.leases.endAll("reset");
          deps.logger.info({ event: "reset" }, "all faults ended (reset)");
          res.writeHead(204).end();
        },
      },
    },
  ];
  return http.createServer((req, res) => void dispatch(routes, authorize, req, res));
}

// --- internal ---

async function dispatch(routes: Routes, authorize: BearerCheck | undefined, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const requestId = (req.headers["x-request-id"] as string | undefined)?.slice(0, 128) || randomUUID();
  res.setHeader("x-request-id", requestId);
  const method = req.method ?? "GET";
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  try {
    const agent = req.headers["user-agent"] ?? "";
    if (agent.startsWith("Mozilla/")) throw new ApiError("browser_refused", { got: JSON.stringify(agent.slice(0, 60)) });
    // Liveness stays open so that probes and load balancers need no secret; it reveals nothing.
    const refused = authorize && !(method === "GET" && path === "/healthz") ? authorize(req.headers.authorization) : undefined;
    if (refused) throw new ApiError("unauthorized", { why: refused });
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const handler = route.methods[method];
      if (!handler) throw new ApiError("method_not_allowed", { method, path, accepted: Object.keys(route.methods).join(", ") });
      await handler(req, res, decodeURIComponent(match[1] ?? ""));
      return;
    }
    throw new ApiError("route_not_found", { method, path });
  } catch (err) {
    sendError(res, err instanceof ApiError ? err : new ApiError("internal_error", { detail: (err as Error).message }));
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}

function notFound(id: string, action: string): never {
  throw new ApiError("fault_not_found", { id, action });
}

// A target as GET /targets shows it; a link's `traffic` counts its upstream requests and open answers.
function describeTarget(t: TargetRuntime): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: t.name, kinds: kindsFor(t) };
  if (t.link) {
    const { link } = t;
    Object.assign(entry, { link: link.address, upstream: `${link.upstream.host}:${link.upstream.port}`, upstreamUrl: link.upstream.origin, traffic: { ...link.traffic } });
  }
  if (t.pods) entry.pods = t.pods.list();
  return entry;
}

/** The parsed JSON body of `req`; throws ApiError body_too_large (past `limit`) or invalid_json. */
async function readJsonBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new ApiError("body_too_large", { limit });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError("body_too_large", { limit });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("invalid_json", { detail: text.trim() === "" ? "the body is empty" : (err as Error).message });
  }
}
