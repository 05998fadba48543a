// A fake OpenAI-compatible LLM provider: deterministic tokens on a configurable clock.
// Built here, listened on in main.ts (and by tests on port 0). It refuses what OpenAI refuses,
// with the gateway's schema and error table, so a gateway that relays its 400 is right to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { completionId, MOCK_ERROR_HEADER, mockErrorMessage, parseMockError } from "../../contracts/mock-error.ts";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
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
    if (answeredMockError(req, res, planned.plan.model)) return;
    generate(planned.plan, res, opts.name, stats);
  }

  // A request whose `x-mock-error` names this provider gets that answer instead of a generation
  // (contracts/mock-error.ts): the error-classes scenario's way to meet one class per request.
  // No Retry-After on a 429: it stands for a quota refusal, and a wait would hold this provider
  // for the requests of other classes too. A bad header is a 400 naming it. True when it answered.
  function answeredMockError(req: IncomingMessage, res: ServerResponse, model: string): boolean {
    const header = req.headers[MOCK_ERROR_HEADER];
    if (header === undefined) return false;
    const entries = parseMockError(Array.isArray(header) ? header.join(",") : header);
    if ("problem" in entries) {
      sendError(res, "invalid_request", entries.problem, { param: MOCK_ERROR_HEADER, code: "invalid_value" });
      return true;
    }
    const mine = entries.find((e) => e.provider === opts.name);
    if (mine === undefined) return false;
    const id = completionId(opts.name, Date.now());
    if (mine.status !== 200) sendJson(res, mine.status, openAiErrorBody(mine.status, mockErrorMessage(mine), { code: mine.code }));
    else if (mine.code === "empty_choices") sendJson(res, 200, { id, object: "chat.completion", created: 0, model, choices: [], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
    else res.writeHead(200, { "content-type": "application/json" }).end(`{"id":"${id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"cut`);
    return true;
  }

  return Object.assign(server, { stats });
}
