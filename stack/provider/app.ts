// A fake OpenAI-compatible LLM provider: deterministic tokens on a configurable clock.
// Built here, listened on in main.ts (and by tests on port 0). It refuses what OpenAI refuses,
// with the gateway's schema and error table, so a gateway that relays its 400 is right to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { sendError, sendJson } from "../gateway/errors.ts";
import { BodyTooLargeError, isJsonContentType, readBody } from "../gateway/request-body.ts";
import { generate, type ProviderStats } from "./chat.ts";
import { planChat, type ProviderTiming } from "./request.ts";

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

const MAX_BODY_BYTES = 1 << 20;

/** Builds a provider server; call `listen` on it. */
export function createProvider(opts: ProviderOptions): ProviderServer {
  const stats: ProviderStats = { tokens: 0, active: 0, abandoned: 0 };
  const models = opts.models ?? ["mock-llm"];
  const server = createServer((req, res) => {
    res.setHeader("x-provider", opts.name);
    route(req, res).catch((err: unknown) => {
      opts.logger?.error({ err, method: req.method, url: req.url }, "provider request failed");
      if (!res.headersSent) sendError(res, "internal_error", `provider ${opts.name} failed: ${String(err)}`);
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/v1/chat/completions") {
      if (req.method !== "POST") return sendError(res, "method_not_allowed", "use POST for /v1/chat/completions", { headers: { allow: "POST" } });
      return chat(req, res);
    }
    if (req.method !== "GET") return sendError(res, "method_not_allowed", `use GET for ${path}`, { headers: { allow: "GET" } });
    if (path === "/healthz") return sendJson(res, 200, { status: "ok", provider: opts.name });
    if (path === "/v1/models") return sendJson(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: opts.name })) });
    if (path === "/stats") return sendJson(res, 200, stats);
    return sendError(res, "not_found", `no route ${req.method} ${path}; routes: POST /v1/chat/completions, GET /v1/models, GET /healthz, GET /stats`);
  }

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // OpenAI does not read a body of another type (it then finds no `model`): a 400, param and code null.
    if (!isJsonContentType(req)) {
      return sendError(res, "invalid_request", `Content-Type must be application/json, got ${JSON.stringify(req.headers["content-type"] ?? "none")}: the body was not read`);
    }
    let text: string;
    try {
      text = (await readBody(req, MAX_BODY_BYTES)).toString("utf8");
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      return sendError(res, "body_too_large", `request body is larger than ${err.maxBytes} bytes`, { headers: { connection: "close" } });
    }
    const planned = planChat(text, req.headers, opts);
    if ("problem" in planned) return sendError(res, "invalid_request", planned.problem.message, { param: planned.problem.param, code: planned.problem.code });
    generate(planned.plan, res, opts.name, stats);
  }

  return Object.assign(server, { stats });
}
