// A fake OpenAI-compatible LLM provider: deterministic tokens on a configurable clock.
// Built here, listened on in main.ts (and by tests on port 0).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { generate, type ProviderStats } from "./chat.ts";
import { RequestError, sendError } from "./errors.ts";
import { planChat, readBody, type ProviderTiming } from "./request.ts";

/** How one provider behaves. */
export interface ProviderOptions extends ProviderTiming {
  /** The provider's name, sent back in `x-provider` on every answer. */
  name: string;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
  /** Where unexpected failures (500s) are reported; bad requests and normal answers are not logged. */
  logger?: Logger;
}

/** A provider server (not listening) and its live counters. */
export type ProviderServer = Server & { stats: ProviderStats };

/** Builds a provider server; call `listen` on it. */
export function createProvider(opts: ProviderOptions): ProviderServer {
  const stats: ProviderStats = { tokens: 0, active: 0, abandoned: 0 };
  const models = opts.models ?? ["mock-llm"];
  const server = createServer((req, res) => {
    res.setHeader("x-provider", opts.name);
    route(req, res).catch((err: unknown) => {
      if (err instanceof RequestError) return sendError(res, err.code === "body_too_large" ? 413 : 400, err.message, err.param, err.code);
      opts.logger?.error({ err, method: req.method, url: req.url }, "provider request failed");
      if (!res.headersSent) sendError(res, 500, `provider ${opts.name} failed: ${String(err)}`);
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/v1/chat/completions") {
      if (req.method !== "POST") return sendError(res, 405, "use POST for /v1/chat/completions", null, "method_not_allowed");
      return generate(planChat(await readBody(req), req.headers, opts), res, opts.name, stats);
    }
    if (req.method !== "GET") return sendError(res, 405, `use GET for ${path}`, null, "method_not_allowed");
    if (path === "/healthz") return json(res, { status: "ok", provider: opts.name });
    if (path === "/v1/models") return json(res, { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: opts.name })) });
    if (path === "/stats") return json(res, stats);
    return sendError(res, 404, `no route ${req.method} ${path}; routes: POST /v1/chat/completions, GET /v1/models, GET /healthz, GET /stats`, null, "not_found");
  }

  return Object.assign(server, { stats });
}

function json(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
