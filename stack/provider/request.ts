// Checks a chat request as OpenAI does (the gateway's schema: one definition of a valid request
// for the whole stack) and reads the per-request timing overrides (x-mock-* headers), so that the
// generator only ever sees a well-formed plan.
import type { IncomingHttpHeaders } from "node:http";
import { parseChatRequest, type ChatProblem } from "../gateway/schema.ts";

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

// The per-request overrides and their largest values. Delays: 10 min at most, since beyond
// 2^31-1 ms setTimeout would fire at once. Output tokens above --max-output-tokens are capped like
// max_tokens; the bound only refuses nonsense.
const MOCK_HEADERS = [["x-mock-ttft-ms", 600_000], ["x-mock-itl-ms", 600_000], ["x-mock-output-tokens", 1_000_000]] as const;

/** Turns a request body and its headers into a plan, or the problem OpenAI's 400 would name. */
export function planChat(text: string, headers: IncomingHttpHeaders, timing: ProviderTiming): { plan: ChatPlan } | { problem: ChatProblem } {
  const parsed = parseChatRequest(text);
  if ("problem" in parsed) return parsed;
  const mock: Record<string, number> = {};
  for (const [name, max] of MOCK_HEADERS) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isInteger(value) || value < 0 || value > max) {
      return { problem: { param: name, code: "invalid_value", message: `header '${name}' must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}` } };
    }
    mock[name] = value;
  }
  const { model, messages, stream, stream_options: options } = parsed.request;
  const asked = (parsed.request.max_completion_tokens ?? parsed.request.max_tokens) as number | null | undefined;
  const outputTokens = mock["x-mock-output-tokens"] ?? asked ?? timing.defaultOutputTokens;
  return {
    plan: {
      model,
      messages,
      stream: stream === true,
      includeUsage: (options as { include_usage?: boolean } | null | undefined)?.include_usage === true,
      outputTokens: Math.min(Math.max(outputTokens, 1), timing.maxOutputTokens),
      ttftMs: mock["x-mock-ttft-ms"] ?? timing.ttftMs,
      itlMs: mock["x-mock-itl-ms"] ?? timing.itlMs,
      seed: `${model}\n${JSON.stringify(messages)}\n${String(asked)}`,
    },
  };
}
