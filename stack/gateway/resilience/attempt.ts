import type { IncomingHttpHeaders } from "node:http";
import type { Provider } from "../providers.ts";
import { classifyEvent, SseSplitter } from "../sse.ts";
import { retryAfterMs } from "./backoff.ts";

/** Why an attempt failed; `retryable` decides between retry/fallback and giving up on the provider. */
export type FailureReason = "timeout" | "status" | "connection" | "bad-response" | "rejected";

/** A failed attempt (or a provider skipped because its breaker is open). */
export class AttemptFailure extends Error {
  constructor(
    readonly reason: FailureReason | "breaker-open",
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

/** A started stream: the events up to and including the first token, and the rest of the body. */
export interface StreamAnswer {
  kind: "stream";
  head: string[];
  rest: AsyncIterator<Buffer>;
  splitter: SseSplitter;
  done: boolean;
  /** Aborts the upstream request (client left, idle timeout). */
  abort: () => void;
}

/** A successful attempt. */
export type AttemptAnswer = JsonAnswer | StreamAnswer;

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
export async function attemptOnce(provider: Provider, req: AttemptRequest): Promise<AttemptAnswer> {
  // Our own controller, not req.signal: a started stream outlives the attempt (answer.abort).
  const ac = new AbortController();
  const onAbandon = (): void => ac.abort();
  if (req.signal.aborted) ac.abort();
  else req.signal.addEventListener("abort", onAbandon, { once: true });
  try {
    const res = await provider.pool.request({
      path: provider.chatPath,
      method: "POST",
      headers: { ...req.headers, "content-type": "application/json" },
      body: req.body,
      signal: ac.signal,
    });
    if (res.statusCode >= 400) {
      const body = await readAll(res.body);
      const status = res.statusCode;
      if (status === 408 || status === 429 || status >= 500) {
        throw new AttemptFailure("status", `${provider.name} answered ${status}`, true, status, retryAfterMs(res.headers));
      }
      if (status === 401 || status === 403) {
        // The gateway's own credentials at the provider: nothing the client can fix, try the next one.
        throw new AttemptFailure("rejected", `${provider.name} refused the gateway (${status})`, false, status);
      }
      return { kind: "json", status, body };
    }
    if (!req.stream) {
      const body = await readAll(res.body);
      if (!isJson(body)) throw new AttemptFailure("bad-response", `${provider.name} sent a body that is not JSON`, true);
      return { kind: "json", status: res.statusCode, body };
    }
    if (!isEventStream(res.headers)) {
      await readAll(res.body);
      throw new AttemptFailure("bad-response", `${provider.name} did not answer with text/event-stream`, true);
    }
    return await firstToken(provider, res.body[Symbol.asyncIterator](), () => ac.abort());
  } catch (err) {
    ac.abort();
    if (req.signal.aborted) throw new AttemptFailure("timeout", `${provider.name} did not answer in time (attempt timeout or deadline)`, true);
    if (err instanceof AttemptFailure) throw err;
    throw new AttemptFailure("connection", `${provider.name} connection failed: ${(err as Error).message}`, true);
  } finally {
    req.signal.removeEventListener("abort", onAbandon);
  }
}

// Reads upstream events until the first token: comments are dropped, an in-band error or an end
// before any token is a failed attempt, so the caller can still retry or fail over.
async function firstToken(provider: Provider, rest: AsyncIterator<Buffer>, abort: () => void): Promise<StreamAnswer> {
  const splitter = new SseSplitter();
  for (;;) {
    const next = await rest.next();
    if (next.done) throw new AttemptFailure("bad-response", `${provider.name} ended the stream before the first token`, true);
    const head: string[] = [];
    for (const block of splitter.push(next.value)) {
      const kind = classifyEvent(block);
      if (kind === "comment" && head.length === 0) continue;
      if (kind === "error" && head.length === 0) {
        throw new AttemptFailure("bad-response", `${provider.name} sent an error event before the first token`, true);
      }
      head.push(block);
    }
    if (head.length > 0) return { kind: "stream", head, rest, splitter, done: head.some((b) => classifyEvent(b) === "done"), abort };
  }
}

async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_UPSTREAM_BODY) throw new AttemptFailure("bad-response", `upstream body over ${MAX_UPSTREAM_BODY} bytes`, true);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

function isEventStream(headers: IncomingHttpHeaders): boolean {
  return String(headers["content-type"] ?? "").includes("text/event-stream");
}
