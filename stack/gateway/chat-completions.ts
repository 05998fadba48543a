import type { IncomingMessage, ServerResponse } from "node:http";
import type { GatewayContext } from "./context.ts";
import { sendError } from "./errors.ts";
import type { GatewayLogger } from "./logger.ts";
import { attemptOnce, ClientGoneError } from "./resilience/attempt.ts";
import { runPolicy } from "./resilience/policy.ts";
import { BodyTooLargeError, isJsonContentType, readBody } from "./request-body.ts";
import { parseChatRequest, type ChatRequest } from "./schema.ts";
import { relayStream } from "./streaming.ts";

/**
 * POST /v1/chat/completions: shed, read and check the body (schema, then the model against
 * `--models`), then run the resilience policy and answer with JSON, a relayed SSE stream, or an
 * OpenAI error.
 */
export async function chatCompletions(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse, startedAt: number, log: GatewayLogger): Promise<void> {
  if (!ctx.limiter.tryEnter()) {
    ctx.metrics.shed.inc();
    log.warn({ event: "shed", inflight: ctx.limiter.count });
    sendError(res, "overloaded", `gateway overloaded: ${ctx.opts.maxInflight} requests in flight; retry later`, { retryAfterS: 1 });
    return;
  }
  res.once("close", () => ctx.limiter.leave());
  const fragileInput = ctx.opts.fragility.has("validation");
  if (!fragileInput && !isJsonContentType(req)) {
    sendError(res, "unsupported_media_type", `unsupported content-type "${req.headers["content-type"] ?? ""}": send application/json`);
    return;
  }
  let raw: string;
  try {
    raw = (await readBody(req, ctx.opts.maxBodyBytes)).toString("utf8");
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    sendError(res, "body_too_large", `request body is larger than ${err.maxBytes} bytes`, { headers: { connection: "close" } });
    return;
  }
  const body = fragileInput ? parseOrCrash(ctx, raw) : parseChecked(ctx, raw, res);
  if (body === undefined) return;
  const stream = body.stream === true;
  const size = { messages: body.messages.length, promptChars: promptChars(body) };
  log.debug({ event: "request", model: body.model, stream, ...size });

  const fragile = ctx.opts.fragility;
  // The client leaving cancels the upstream work (not under --fragile=cancel: it runs on for nobody).
  const abort = new AbortController();
  if (!fragile.has("cancel")) res.once("close", () => res.writableFinished || abort.abort());
  const headers = forwardedHeaders(req);
  let outcome;
  try {
    outcome = await runPolicy(ctx.policy, (provider, signal) => attemptOnce(provider, { body: raw, headers, stream, signal }, ctx.upstream), startedAt, abort.signal, log);
  } catch (err) {
    if (err instanceof ClientGoneError) return void log.debug({ event: "client_gone" });
    throw err;
  }
  if (!outcome.ok) {
    sendError(res, outcome.kind, outcome.message, { ...(outcome.retryAfterS !== undefined && { retryAfterS: outcome.retryAfterS }), headers: { "x-attempts": String(outcome.attempts) } });
    return;
  }
  const who = { "x-provider": outcome.provider, "x-attempts": String(outcome.attempts) };
  const { answer } = outcome;
  if (answer.kind === "json") {
    if (!res.destroyed) res.writeHead(answer.status, { ...who, "content-type": "application/json", "content-length": answer.body.length }).end(answer.body);
    return;
  }
  const { provider } = outcome;
  // --fragile=corrupt-stream: no content-type (and one content chunk twice, in relayStream).
  const corrupt = fragile.has("corrupt-stream");
  const sendHead = (): void => {
    res.writeHead(200, { ...who, ...(!corrupt && { "content-type": "text/event-stream" }), "cache-control": "no-cache" });
    ctx.metrics.ttft.observe({ provider }, (Date.now() - startedAt) / 1000);
  };
  const end = await relayStream(res, answer, {
    provider,
    sendHead,
    idleTimeoutMs: fragile.has("timeouts") || fragile.has("stream-idle") ? Infinity : ctx.opts.idleTimeoutMs,
    inBandErrors: !fragile.has("stream-errors"),
    buffered: fragile.has("buffering"),
    checkEvents: ctx.upstream.checkBytes,
    cancelOnLeave: !fragile.has("cancel"),
    repeatChunk: corrupt,
  });
  if (end.kind === "failed") log.warn({ event: end.reason === "idle-timeout" ? "timeout" : "stream_failed", provider, reason: end.reason, msg: end.message });
}

function parseChecked(ctx: GatewayContext, raw: string, res: ServerResponse): ChatRequest | undefined {
  const parsed = parseChatRequest(raw);
  if ("problem" in parsed) {
    const { message, param, code } = parsed.problem;
    sendError(res, "invalid_request", message, { param, code });
    return undefined;
  }
  const { model } = parsed.request;
  if (!ctx.opts.models.includes(model)) {
    // OpenAI's answer, word for word (param null): the served ids are at GET /v1/models.
    sendError(res, "model_not_found", `The model \`${model}\` does not exist or you do not have access to it.`);
    return undefined;
  }
  return parsed.request;
}

// --fragile=validation: no try, no schema. Bad JSON goes to ctx.crash (by default: kills the worker).
function parseOrCrash(ctx: GatewayContext, raw: string): ChatRequest | undefined {
  try {
    return JSON.parse(raw) as ChatRequest;
  } catch (err) {
    ctx.crash(err as Error);
    return undefined;
  }
}

// Trusts the schema: with validation off, `messages` that is not an array of objects throws here.
function promptChars(body: ChatRequest): number {
  return body.messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : JSON.stringify(m.content).length), 0);
}

// Only `x-mock-*` (scenario knobs for the fake providers) and the request id travel upstream.
function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith("x-mock-") && value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const id = req.headers["x-request-id"];
  if (typeof id === "string") out["x-request-id"] = id;
  return out;
}
