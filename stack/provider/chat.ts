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
  const usage = { prompt_tokens: promptTokens(plan.messages), completion_tokens: tokens.length, total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: plan.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  stats.active++;
  const finish = () => {
    stats.active--;
    res.off("close", onClose);
  };
  const onClose = () => {
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) stats.abandoned++;
    finish();
  };
  res.on("close", onClose);

  const step = () => {
    const token = tokens[sent] ?? "";
    sent++;
    stats.tokens++;
    const last = sent === tokens.length;
    if (plan.stream) {
      if (sent === 1) res.writeHead(200, SSE_HEADERS);
      res.write(chunk(sent === 1 ? { role: "assistant", content: token } : { content: token }, last ? "stop" : null));
      if (last) {
        if (plan.includeUsage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: plan.model, choices: [], usage })}\n\n`);
        res.end("data: [DONE]\n\n");
      }
    } else if (last) {
      const body = JSON.stringify({
        id, object: "chat.completion", created, model: plan.model,
        choices: [{ index: 0, message: { role: "assistant", content: tokens.join("") }, finish_reason: "stop" }],
        usage,
      });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }
    if (last) {
      timer = undefined;
      finish();
    } else {
      timer = setTimeout(step, plan.itlMs);
    }
  };
  timer = setTimeout(step, plan.ttftMs);
}
