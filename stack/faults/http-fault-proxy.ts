// A link's in-process HTTP fault proxy (xk6-disruptor's HTTP proxy, locally): the link routes
// requests here only while an HTTP fault is active. Each request not excluded is delayed by
// averageDelay ± delayVariation, then answered with errorCode for the errorRate share, or
// forwarded to the upstream with its response streamed back chunk by chunk (SSE unbuffered).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { Pool } from "undici";
import type { HttpSpec } from "./kinds/http.ts";
import { openAiErrorBody } from "./openai-error.ts";

/** The proxy's view of its link. */
export interface HttpFaultProxyOptions {
  upstream: { host: string; port: number };
  /** The link's active HTTP faults, read per request. */
  faults: () => readonly { id: string; spec: HttpSpec }[];
  logger: Logger;
}

/** A built HTTP fault proxy; listen() binds it to a free port on `host`. */
export interface HttpFaultProxy { port: number; listen(host: string): Promise<void>; close(): Promise<void> }

// Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own; undici also refuses to send them.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect"]);

/** Builds the HTTP fault proxy of one link. */
export function createHttpFaultProxy(opts: HttpFaultProxyOptions): HttpFaultProxy {
  const pool = new Pool(`http://${opts.upstream.host}:${opts.upstream.port}`, { pipelining: 1 });
  const server = http.createServer((req, res) => void handle(req, res, pool, opts));
  // The link owns client connections and their idle lifetime; this hop must not close them.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  const proxy: HttpFaultProxy = {
    port: 0,
    listen: (host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, host, () => {
          proxy.port = (server.address() as AddressInfo).port;
          resolve();
        });
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      await pool.destroy();
    },
  };
  return proxy;
}

// --- internal ---

async function handle(req: http.IncomingMessage, res: http.ServerResponse, pool: Pool, opts: HttpFaultProxyOptions): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  let delayMs = 0;
  let failWith: HttpSpec | null = null;
  for (const { spec } of opts.faults()) {
    if (spec.exclude.includes(path)) continue;
    delayMs += Math.max(0, spec.averageDelayMs + (Math.random() * 2 - 1) * spec.delayVariationMs);
    if (failWith === null && spec.errorRate > 0 && Math.random() < spec.errorRate) failWith = spec;
  }
  try {
    if (delayMs > 0) await sleep(delayMs, undefined, { signal: abort.signal });
    if (failWith !== null) return answerError(req, res, failWith);
    await forward(req, res, pool, abort.signal);
  } catch (err) {
    if (abort.signal.aborted) return;
    if (!res.headersSent) {
      opts.logger.debug({ err, path }, "upstream request failed");
      const body = openAiErrorBody(502);
      res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } else {
      res.destroy();
    }
  }
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, pool: Pool, signal: AbortSignal): Promise<void> {
  const hasBody = (req.headers["content-length"] ?? "0") !== "0" || req.headers["transfer-encoding"] !== undefined;
  const upstream = await pool.request({
    method: req.method as "GET",
    path: req.url ?? "/",
    headers: withoutHopByHop(req.headers),
    body: hasBody ? req : null,
    signal,
  });
  res.writeHead(upstream.statusCode, withoutHopByHop(upstream.headers));
  // Headers go now: a streaming provider sends its status line with the first token.
  res.flushHeaders();
  await pipeline(upstream.body, res);
}

function answerError(req: http.IncomingMessage, res: http.ServerResponse, spec: HttpSpec): void {
  const body = spec.errorBody ?? openAiErrorBody(spec.errorCode);
  const type = body.trimStart().startsWith("{") ? "application/json" : "text/plain; charset=utf-8";
  // The request body is drained so the keep-alive connection stays usable for the next request.
  req.resume();
  res.writeHead(spec.errorCode, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}

function withoutHopByHop(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}
