import type { IncomingHttpHeaders } from "node:http";
import { openAiErrorBody } from "../../../contracts/openai-error.ts";
import type { Fragility } from "../fragility.ts";
import type { Provider } from "../providers.ts";
import { classifyEvent, SseSplitter } from "../sse.ts";
import { UpstreamCall } from "../upstream.ts";
import { retryAfterMs } from "./retry-after.ts";

/** Why an attempt failed; `retryable` decides between a retry at the same provider and the next provider. */
export type FailureReason = "timeout" | "status" | "connection" | "bad-response" | "rejected";

/** Why a provider was skipped without an attempt: its breaker is open, or its Retry-After has not passed. */
export type SkipReason = "breaker-open" | "rate-limited";

/** A failed attempt (or a provider skipped). */
export class AttemptFailure extends Error {
  constructor(
    readonly reason: FailureReason | SkipReason,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The client went away while the policy ran: no answer is due, and the provider is not to blame. */
export class ClientGoneError extends Error {}

/** A complete JSON answer: a 2xx, or a client error (4xx) passed through as final. */
export interface JsonAnswer {
  kind: "json";
  status: number;
  body: Buffer;
}

/**
 * A started stream: the events up to and including the first token (and the rest of the chunk that
 * carried it), the splitter holding any partial event after them, and the upstream call whose
 * remaining chunks the relay takes over (attach) and can pause, resume or abort.
 */
export interface StreamAnswer {
  kind: "stream";
  head: string[];
  splitter: SseSplitter;
  upstream: UpstreamCall;
}

/** A successful attempt. */
export type AttemptAnswer = JsonAnswer | StreamAnswer;

/** How the gateway reads upstream answers; each `false` is a fragility switch. */
export interface UpstreamRules {
  /** Errors told apart by cause (request error: relayed; provider failure: next provider). Off: --fragile=classify. */
  classify: boolean;
  /** Bodies and events checked before they are relayed. Off: --fragile=passthrough. */
  checkBytes: boolean;
  /** The upstream's Retry-After read. Off: --fragile=retry-after. */
  readRetryAfter: boolean;
}

/** The rules of a gateway with these switches on. */
export function upstreamRules(fragility: Fragility): UpstreamRules {
  return { classify: !fragility.has("classify"), checkBytes: !fragility.has("passthrough"), readRetryAfter: !fragility.has("retry-after") };
}

/**
 * What an upstream error status means (the AI service contract): the request's own fault (400,
 * 413, 422: relayed as is, no retry, no other provider), a transient failure (408, 409, 429, 5xx:
 * retried, then the next provider), or this provider's failure (401, 403, 404 and other 4xx: the
 * next provider at once). Without classification (--fragile=classify) the two 4xx groups swap,
 * as a status-blind proxy gets them: a 400 context_length_exceeded goes on to provider-b, a
 * provider's 401 or 404 reaches the client.
 */
export function statusClass(status: number, classify: boolean): "request" | "transient" | "provider" {
  if (status === 408 || status === 409 || status === 429 || status >= 500) return "transient";
  const requestError = status === 400 || status === 413 || status === 422;
  if (classify) return requestError ? "request" : "provider";
  return requestError ? "transient" : "request";
}

/** What is sent upstream. */
export interface AttemptRequest {
  body: string;
  headers: Record<string, string>;
  stream: boolean;
  /**
   * Aborted when the attempt is abandoned: cockatiel's attempt timeout or the deadline (to the full
   * body, or to the first token for streams), or the client leaving.
   */
  signal: AbortSignal;
}

/** Upstream answers larger than this are refused as bad responses (bytes). */
const MAX_UPSTREAM_BODY = 8 * 1024 * 1024;

/** One attempt at one provider until `req.signal` aborts; throws AttemptFailure ("timeout" once aborted). */
export async function attemptOnce(provider: Provider, req: AttemptRequest, rules: UpstreamRules): Promise<AttemptAnswer> {
  const call = UpstreamCall.send(provider.pool, { path: provider.chatPath, method: "POST", headers: { ...req.headers, "content-type": "application/json" }, body: req.body });
  // Abandoning cuts this call; a started stream outlives the attempt (the relay aborts it then).
  const onAbandon = (): void => call.abort();
  if (req.signal.aborted) call.abort();
  else req.signal.addEventListener("abort", onAbandon, { once: true });
  try {
    const { statusCode: status, headers } = await call.head;
    if (status >= 400) {
      const body = await readAll(call);
      const kind = statusClass(status, rules.classify);
      if (kind === "transient") {
        throw new AttemptFailure("status", `${provider.name} answered ${status}`, true, status, rules.readRetryAfter ? retryAfterMs(headers) : undefined);
      }
      // 401/403: the gateway's own credentials; 404: a model this provider lacks. Nothing the client can fix.
      if (kind === "provider") throw new AttemptFailure("rejected", `${provider.name} refused the request (${status})`, false, status);
      return { kind: "json", status, body: rules.checkBytes ? relayedError(provider, status, body) : body };
    }
    if (!req.stream) {
      const body = await readAll(call);
      const problem = rules.checkBytes ? completionProblem(body) : undefined;
      if (problem) throw new AttemptFailure("bad-response", `${provider.name} sent ${problem}`, true);
      return { kind: "json", status, body };
    }
    if (!isEventStream(headers)) {
      await readAll(call);
      throw new AttemptFailure("bad-response", `${provider.name} did not answer with text/event-stream`, true);
    }
    return await firstToken(provider, call, rules.checkBytes);
  } catch (err) {
    call.abort();
    if (req.signal.aborted) throw new AttemptFailure("timeout", `${provider.name} did not answer in time (attempt timeout or deadline)`, true);
    if (err instanceof AttemptFailure) throw err;
    throw new AttemptFailure("connection", `${provider.name} connection failed: ${(err as Error).message}`, true);
  } finally {
    req.signal.removeEventListener("abort", onAbandon);
  }
}

// Reads upstream events until the first token: comments are dropped, an in-band error, an event
// that is not JSON (unless unchecked) or an end before any token is a failed attempt, so the
// caller can still retry or fail over.
async function firstToken(provider: Provider, call: UpstreamCall, checked: boolean): Promise<StreamAnswer> {
  const splitter = new SseSplitter();
  for (;;) {
    const chunk = await call.next();
    if (chunk === null) throw new AttemptFailure("bad-response", `${provider.name} ended the stream before the first token`, true);
    const head: string[] = [];
    for (const block of splitter.push(chunk)) {
      const kind = classifyEvent(block);
      if (kind === "comment" && head.length === 0) continue;
      if (kind === "done" && head.length === 0) throw new AttemptFailure("bad-response", `${provider.name} ended the stream before the first token`, true);
      if (kind === "error" && head.length === 0) {
        throw new AttemptFailure("bad-response", `${provider.name} sent an error event before the first token`, true);
      }
      if (kind === "malformed" && checked && head.length === 0) {
        throw new AttemptFailure("bad-response", `${provider.name} sent an event that is not JSON before the first token`, true);
      }
      head.push(block);
    }
    if (head.length > 0) return { kind: "stream", head, splitter, upstream: call };
  }
}

function readAll(call: UpstreamCall): Promise<Buffer> {
  return call.readAll(MAX_UPSTREAM_BODY, () => new AttemptFailure("bad-response", `upstream body over ${MAX_UPSTREAM_BODY} bytes`, true));
}

// Why a 2xx body is no chat completion (empty, not JSON, no choices), or undefined when it is one.
function completionProblem(body: Buffer): string | undefined {
  if (body.length === 0) return "an empty body";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return "a body that is not JSON";
  }
  const choices = (parsed as { choices?: unknown } | null)?.choices;
  return Array.isArray(choices) && choices.length > 0 ? undefined : "a completion without choices";
}

// A request error relayed to the client: the provider's message, param and code in a well-formed
// OpenAI body (type from the status), whatever shape the provider's body had.
function relayedError(provider: Provider, status: number, body: Buffer): Buffer {
  let error: { message?: unknown; param?: unknown; code?: unknown } | undefined;
  try {
    error = (JSON.parse(body.toString("utf8")) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
  const message = text(error?.message) ?? `${provider.name} refused the request (${status})`;
  return Buffer.from(JSON.stringify(openAiErrorBody(status, message, { param: text(error?.param), code: text(error?.code) })));
}

function isEventStream(headers: IncomingHttpHeaders): boolean {
  return String(headers["content-type"] ?? "").includes("text/event-stream");
}
