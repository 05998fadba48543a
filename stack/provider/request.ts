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
  messages: Array<{ role: string; content?: unknown }>;
  stream: boolean;
  includeUsage: boolean;
  outputTokens: number;
  ttftMs: number;
  itlMs: number;
  /** The text that seeds the generated tokens. */
  seed: string;
}

const MAX_BODY_BYTES = 1 << 20;
// Longest accepted x-mock-*-ms value (10 min): beyond 2^31-1 ms setTimeout would fire at once.
const MAX_DELAY_MS = 600_000;
// x-mock-output-tokens above --max-output-tokens is capped like max_tokens; this only refuses nonsense.
const MAX_OUTPUT_HEADER = 1_000_000;

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
  const body = parseObject(text);
  const { messages, model = "mock-llm", stream = false } = body;
  checkMessages(messages);
  if (typeof model !== "string" || model === "") throw new RequestError("'model' must be a non-empty string", "model");
  if (typeof stream !== "boolean") throw new RequestError("'stream' must be true or false", "stream");
  const field = body["max_completion_tokens"] !== undefined ? "max_completion_tokens" : "max_tokens";
  const asked = body[field];
  if (asked !== undefined && asked !== null && (!Number.isInteger(asked) || (asked as number) < 1)) {
    throw new RequestError(`'${field}' must be a positive integer, got ${JSON.stringify(asked)}`, field);
  }
  const options = body["stream_options"];
  if (options !== undefined && options !== null && (typeof options !== "object" || Array.isArray(options))) {
    throw new RequestError("'stream_options' must be an object such as {\"include_usage\": true}", "stream_options");
  }
  const outputTokens = header(headers, "x-mock-output-tokens", MAX_OUTPUT_HEADER) ?? (asked as number | null | undefined) ?? timing.defaultOutputTokens;
  return {
    model,
    messages,
    stream,
    includeUsage: (options as { include_usage?: unknown } | null | undefined)?.include_usage === true,
    outputTokens: Math.min(Math.max(outputTokens, 1), timing.maxOutputTokens),
    ttftMs: header(headers, "x-mock-ttft-ms", MAX_DELAY_MS) ?? timing.ttftMs,
    itlMs: header(headers, "x-mock-itl-ms", MAX_DELAY_MS) ?? timing.itlMs,
    seed: `${model}\n${JSON.stringify(messages)}\n${String(asked)}`,
  };
}

function parseObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RequestError(`request body is not valid JSON (${(err as Error).message}); send a JSON object with 'messages'`, null, "invalid_json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new RequestError("request body must be a JSON object with 'messages'", null, "invalid_json");
  }
  return parsed as Record<string, unknown>;
}

function checkMessages(messages: unknown): asserts messages is ChatPlan["messages"] {
  if (!Array.isArray(messages) || messages.length === 0) throw new RequestError("'messages' must be a non-empty array of {role, content}", "messages");
  messages.forEach((m: unknown, i) => {
    if (m === null || typeof m !== "object" || Array.isArray(m)) throw new RequestError(`'messages[${i}]' must be an object {role, content}`, `messages[${i}]`);
    if (typeof (m as { role?: unknown }).role !== "string") throw new RequestError(`'messages[${i}].role' must be a string such as "user"`, `messages[${i}].role`);
  });
}

/** An integer header from 0 to `max`, or undefined when absent; anything else is a 400. */
function header(headers: IncomingHttpHeaders, name: string, max: number): number | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RequestError(`header '${name}' must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}`, name);
  }
  return value;
}
