// Generates one answer on the plan's clock: the first token after ttft, then one per itl.
// Streams write their status line only with the first token, so TTFT equals time to first byte.
// When the client goes away the timers stop: a fake provider must not burn CPU for nobody.
import type { ServerResponse } from "node:http";
import type { ChatPlan } from "./request.ts";
import { promptTokens, tokensFor } from "./tokens.ts";

/** Counters a test or a benchmark reads to see what the provider really did. */
export interface ProviderStats {
  /** Tokens produced, streamed or not. */
  tokens: number;
  /** Generations running now. */
  active: number;
  /** Generations stopped because the client went away. */
  abandoned: number;
}

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" };

/** Answers `plan` on `res`, streamed or not. */
export function generate(plan: ChatPlan, res: ServerResponse, name: string, stats: ProviderStats): void {
  const tokens = tokensFor(plan.seed, plan.outputTokens);
  const id = `chatcmpl-${name}-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const prompt = promptTokens(plan.messages);
  const usage = { prompt_tokens: prompt, completion_tokens: tokens.length, total_tokens: prompt + tokens.length };
  // Everything around a chunk's content is the same for the whole answer: build it once, so that
  // a token costs one JSON.stringify of a short word (this provider is the peer in benchmarks).
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(plan.model)},"choices":[{"index":0,"delta":{`;
  const tail = '},"finish_reason":null}]}\n\n';
  const lastTail = '},"finish_reason":"stop"}]}\n\n';

  let sent = 0;
  let cancel: (() => void) | undefined; // cancels the pending step
  stats.active++;
  const finish = () => {
    cancel = undefined;
    stats.active--;
    res.off("close", onClose);
  };
  const onClose = () => {
    cancel?.();
    if (!res.writableEnded) stats.abandoned++;
    finish();
  };
  res.on("close", onClose);

  const chunkAt = (i: number) => {
    const content = `"content":${JSON.stringify(tokens[i])}`;
    return head + (i === 0 ? `"role":"assistant",${content}` : content) + (i === tokens.length - 1 ? lastTail : tail);
  };
  const streamStep = () => {
    if (sent === 0) res.writeHead(200, SSE_HEADERS);
    // itl 0 means no pause between tokens: the rest of the answer goes out in one write, not one
    // timer tick (about 1 ms) per token.
    const from = sent;
    let out = "";
    do out += chunkAt(sent++);
    while (plan.itlMs === 0 && sent < tokens.length);
    stats.tokens += sent - from;
    res.write(out);
    if (sent < tokens.length) {
      cancel = later(streamStep, plan.itlMs);
      return;
    }
    if (plan.includeUsage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: plan.model, choices: [], usage })}\n\n`);
    res.end("data: [DONE]\n\n");
    finish();
  };

  // Not streamed: the answer is whole when its last token would have been streamed, so one timer.
  const answer = () => {
    stats.tokens += tokens.length;
    const body = JSON.stringify({
      id, object: "chat.completion", created, model: plan.model,
      choices: [{ index: 0, message: { role: "assistant", content: tokens.join("") }, finish_reason: "stop" }],
      usage,
    });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    finish();
  };

  cancel = plan.stream ? later(streamStep, plan.ttftMs) : later(answer, plan.ttftMs + (tokens.length - 1) * plan.itlMs);
}

// setTimeout(fn, 0) waits at least 1 ms; a zero-latency provider (the benchmarks' peer) must not.
function later(fn: () => void, ms: number): () => void {
  if (ms > 0) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  }
  const i = setImmediate(fn);
  return () => clearImmediate(i);
}
