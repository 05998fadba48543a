// A link's in-process HTTP fault proxy (xk6-disruptor's HTTP proxy, locally): the link routes
// requests here only while an HTTP or stream fault is active. Each request not excluded is
// delayed by averageDelay ± delayVariation, then answered with errorCode for the errorRate share,
// or forwarded to the upstream with its response streamed back chunk by chunk (SSE unbuffered),
// or broken by a stream fault (kinds/stream.ts). Forwarded requests count in the link's Traffic.
import http, { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { Pool } from "undici";
import { openAiErrorBody as contractBody } from "../../contracts/openai-error.ts";
import type { HttpSpec } from "./kinds/http.ts";
import { breakAnswer, pickStreamFault, type StreamSpec } from "./kinds/stream.ts";
import type { ActiveFault } from "./link.ts";
import type { Traffic } from "./link-connection.ts";
import type { Upstream } from "./upstream.ts";

/** The proxy's view of its link. */
export interface HttpFaultProxyOptions {
  upstream: Upstream;
  /** The link's active HTTP and stream faults, read per request. */
  faults: () => { http: readonly ActiveFault<HttpSpec>[]; stream: readonly ActiveFault<StreamSpec>[] };
  /** The link's counters: forwarded requests count here. */
  traffic: Traffic;
  /** A sentence for an upstream error the caller must read (an untrusted certificate), or null. */
  describeError: (err: NodeJS.ErrnoException) => string | null;
  logger: Logger;
}

/** A built HTTP fault proxy; listen() binds it to a free loopback port (only its link dials it). */
export interface HttpFaultProxy { port: number; listen(): Promise<void>; close(): Promise<void> }

// Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own; undici also refuses to send them.
// Host is the upstream's: undici sets it from the origin.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect", "host"]);

/** Builds the HTTP fault proxy of one link. */
export function createHttpFaultProxy(opts: HttpFaultProxyOptions): HttpFaultProxy {
  // undici names the host in SNI itself; only a private CA (its secure context) needs passing on.
  const secureContext = opts.upstream.tls?.secureContext;
  const pool = new Pool(opts.upstream.origin, { pipelining: 1, ...(secureContext ? { connect: { secureContext } } : {}) });
  const server = http.createServer((req, res) => void handle(req, res, pool, opts));
  // The link owns client connections and their idle lifetime; this hop must not close them.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  const proxy: HttpFaultProxy = {
    port: 0,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
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
  const faults = opts.faults();
  let delayMs = 0;
  let failWith: HttpSpec | null = null;
  for (const fault of faults.http) {
    const { spec } = fault;
    if (spec.exclude.includes(path)) continue;
    const delay = Math.max(0, spec.averageDelayMs + (Math.random() * 2 - 1) * spec.delayVariationMs);
    const fails = failWith === null && spec.errorRate > 0 && Math.random() < spec.errorRate;
    delayMs += delay;
    if (fails) failWith = spec;
    if (delay > 0 || fails) fault.affected();
  }
  try {
    if (delayMs > 0) await sleep(delayMs, undefined, { signal: abort.signal });
    if (failWith !== null) return answerError(req, res, failWith);
    await forward(req, res, pool, abort.signal, faults.stream, opts.traffic);
  } catch (err) {
    if (abort.signal.aborted) return;
    if (!res.headersSent) {
      opts.logger.debug({ err, path }, "upstream request failed");
      const message = opts.describeError(err as NodeJS.ErrnoException) ?? `the link could not reach its upstream ${opts.upstream.origin}: ${(err as Error).message}`;
      const body = JSON.stringify(contractBody(502, message, { code: "upstream_unreachable" }));
      res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } else {
      res.destroy();
    }
  }
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, pool: Pool, signal: AbortSignal, streamFaults: readonly ActiveFault<StreamSpec>[], traffic: Traffic): Promise<void> {
  const hasBody = (req.headers["content-length"] ?? "0") !== "0" || req.headers["transfer-encoding"] !== undefined;
  traffic.requests++;
  traffic.open++;
  try {
    const upstream = await pool.request({
      method: req.method as "GET",
      path: req.url ?? "/",
      headers: withoutHopByHop(req.headers),
      body: hasBody ? req : null,
      signal,
    });
    const headers = withoutHopByHop(upstream.headers);
    const fault = pickStreamFault(streamFaults, upstream.statusCode, headers);
    if (fault !== null) return await breakAnswer(fault, { status: upstream.statusCode, headers, body: upstream.body }, res, signal);
    res.writeHead(upstream.statusCode, headers);
    // Headers go now: a streaming provider sends its status line with the first token.
    res.flushHeaders();
    await pipeline(upstream.body, res);
  } finally {
    traffic.open--;
  }
}

function answerError(req: http.IncomingMessage, res: http.ServerResponse, spec: HttpSpec): void {
  const body = spec.errorBody ?? injectedErrorBody(spec.errorCode);
  const type = body.trimStart().startsWith("{") ? "application/json" : "text/plain; charset=utf-8";
  // The request body is drained so the keep-alive connection stays usable for the next request.
  req.resume();
  res.writeHead(spec.errorCode, { "content-type": type, "content-length": Buffer.byteLength(body), ...rateLimitHeaders(spec.errorCode) }).end(body);
}

// An injected 429 asks for a wait, as a provider's rate limit does (OpenAI and Anthropic send
// `retry-after`), so a gateway's Retry-After handling meets one: the shortest whole second, so a
// gateway that honours it holds the provider one second per 429. Other statuses carry none: a 503
// with it would hold the provider as a breaker does. (xk6-disruptor's injected errors carry no
// headers at all: pkg/agent/protocol/http/proxy.go injectError.)
const INJECTED_RETRY_AFTER_S = 1;
function rateLimitHeaders(status: number): Record<string, string> {
  return status === 429 ? { "retry-after": String(INJECTED_RETRY_AFTER_S) } : {};
}

// The `code` a provider gives each status, so a gateway that parses provider errors sees what a
// real provider would send.
const CODES: Readonly<Record<number, string>> = {
  400: "invalid_request", 401: "invalid_api_key", 403: "forbidden", 404: "not_found", 408: "timeout",
  429: "rate_limit_exceeded", 500: "internal_error", 502: "bad_gateway", 503: "service_unavailable", 504: "timeout",
};

// The default body of an injected `status`: OpenAI's error body (contracts/openai-error.ts), as JSON text.
function injectedErrorBody(status: number): string {
  const code = CODES[status] ?? (status >= 500 ? "server_error" : "error");
  return JSON.stringify(contractBody(status, `injected fault: ${status} ${STATUS_CODES[status] ?? "error"}`, { code }));
}

function withoutHopByHop(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}
