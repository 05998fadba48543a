// Reads and checks a chat request, and the per-request timing overrides (x-mock-* headers),
// so that the handler only ever sees a well-formed plan.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { RequestError } from "./errors.ts";

/** Timing and length defaults of one provider process. */
export interface ProviderTiming {
  /** Time to first token, milliseconds. */
  ttftMs: number;
  /** Inter-token latency, milliseconds. */
  itlMs: number;
  /** Output tokens when the request sets no max_tokens. */
  defaultOutputTokens: number;
  /** Upper bound on output tokens, whatever the request asks. */
  maxOutputTokens: number;
}

/** What one request will produce. */
export interface ChatPlan {
  model: string;
  messages: Array<{ role?: unknown; content?: unknown }>;
  stream: boolean;
  includeUsage: boolean;
  outputTokens: number;
  ttftMs: number;
  itlMs: number;
  /** The text that seeds the generated tokens. */
  seed: string;
}

const MAX_BODY_BYTES = 1 << 20;

/** Reads the whole body (at most 1 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(`request body is larger than ${MAX_BODY_BYTES} bytes`, null, "body_too_large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a chat request body into a plan, or throws a RequestError naming the field. */
export function planChat(text: string, headers: IncomingHttpHeaders, timing: ProviderTiming): ChatPlan {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    throw new RequestError("request body must be a JSON object", null, "invalid_json");
  }
  const { messages, model = "mock-llm", stream = false } = body;
  if (!Array.isArray(messages) || messages.length === 0) throw new RequestError("'messages' must be a non-empty array of {role, content}", "messages");
  if (typeof model !== "string") throw new RequestError("'model' must be a string", "model");
  if (typeof stream !== "boolean") throw new RequestError("'stream' must be true or false", "stream");
  const asked = body["max_completion_tokens"] ?? body["max_tokens"];
  if (asked !== undefined && (!Number.isInteger(asked) || (asked as number) < 1)) {
    throw new RequestError("'max_tokens' must be a positive integer", "max_tokens");
  }
  const options = body["stream_options"] as { include_usage?: unknown } | undefined;
  const outputTokens = header(headers, "x-mock-output-tokens") ?? (asked as number | undefined) ?? timing.defaultOutputTokens;
  return {
    model,
    messages,
    stream,
    includeUsage: options?.include_usage === true,
    outputTokens: Math.min(Math.max(outputTokens, 1), timing.maxOutputTokens),
    ttftMs: header(headers, "x-mock-ttft-ms") ?? timing.ttftMs,
    itlMs: header(headers, "x-mock-itl-ms") ?? timing.itlMs,
    seed: `${model}\n${JSON.stringify(messages)}\n${String(asked)}`,
  };
}

/** A non-negative integer header, or undefined when absent; anything else is a 400. */
function header(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isInteger(value) || value < 0) {
    throw new RequestError(`header '${name}' must be a non-negative integer, got ${JSON.stringify(raw)}`, name);
  }
  return value;
}
