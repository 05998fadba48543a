// Builds chat completion requests: OpenAI-compatible body, the service's headers (HEADERS and the
// API key, headers.ts), the fake providers' `x-mock-*` knobs (the reference gateway forwards them;
// an optimisation only: every condition a scenario needs is made by a fault at the provider),
// deterministic prompts. Pure: no k6 imports.
import type { Config } from "../config.ts";
import { serviceHeaders } from "./headers.ts";
import { prng, promptOf } from "../prompts.ts";

/** Per-request behaviour of the fake providers (honoured by stack/provider, forwarded by the gateway). */
export interface MockHints {
  /** Time to first token, ms (`x-mock-ttft-ms`). */
  ttftMs?: number;
  /** Inter-token latency, ms (`x-mock-itl-ms`). */
  itlMs?: number;
  /** Tokens to generate (`x-mock-output-tokens`). */
  outputTokens?: number;
}

/** What to ask for. */
export interface ChatSpec {
  /** true/false, or "mixed": streamed with probability STREAM_RATIO (deterministic per seed). */
  stream?: boolean | "mixed";
  /** Approximate prompt length in tokens (default 32). */
  promptTokens?: number;
  /** `max_tokens` (default 32). */
  maxTokens?: number;
  /** Passed through as `x-mock-*` headers. */
  mock?: MockHints;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Replaces the JSON body entirely (invalid-input scenarios send broken bodies on purpose). */
  rawBody?: string;
}

/** A request ready for `http.asyncRequest("POST", url, body, { headers })`. */
export interface ChatRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  stream: boolean;
}

/** Whether a "mixed" request streams: deterministic for a seed, true with probability `ratio`. */
export function streamsFor(seed: number, ratio: number): boolean {
  return prng(seed ^ 0x5bd1e995)() < ratio;
}

/** Builds the request for `spec`; `seed` (from VU and iteration) fixes the prompt and the mix. */
export function chatRequest(cfg: Config, spec: ChatSpec, seed: number): ChatRequest {
  const stream = spec.stream === "mixed" || spec.stream === undefined ? streamsFor(seed, cfg.streamRatio) : spec.stream;
  const headers: Record<string, string> = { ...serviceHeaders(cfg), "Content-Type": "application/json", ...spec.headers };
  if (stream) headers.Accept = "text/event-stream";
  const mock = spec.mock ?? {};
  if (mock.ttftMs !== undefined) headers["x-mock-ttft-ms"] = String(mock.ttftMs);
  if (mock.itlMs !== undefined) headers["x-mock-itl-ms"] = String(mock.itlMs);
  if (mock.outputTokens !== undefined) headers["x-mock-output-tokens"] = String(mock.outputTokens);

  const body =
    spec.rawBody ??
    JSON.stringify({
      model: cfg.model,
      messages: [{ role: "user", content: promptOf(spec.promptTokens ?? 32, prng(seed)) }],
      max_tokens: spec.maxTokens ?? 32,
      stream,
      // Token counts come from the final usage chunk, never from counting chunks.
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    });
  return { url: `${cfg.baseUrl}${cfg.chatPath}`, body, headers, stream };
}
