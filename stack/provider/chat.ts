// Generates one answer on the plan's clock: the first token after ttft, then one per itl.
// Streams write their status line only with the first token, so TTFT equals time to first byte.
// When the client goes away the timers stop: a fake provider must not burn CPU for nobody.
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { completionId } from "../../contracts/mock-error.ts";
import { contentFingerprint } from "../../contracts/text-digest.ts";
import type { ChatPlan } from "./request.ts";

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
  const id = completionId(name, Date.now());
  const created = Math.floor(Date.now() / 1000);
  const prompt = promptTokens(plan.messages);
  const usage = { prompt_tokens: prompt, completion_tokens: tokens.length, total_tokens: prompt + tokens.length };
  // The digest of the whole answer text, on every completion and chunk: a client can check the
  // stream it received is exactly what was sent (contracts/text-digest.ts).
  const fingerprint = contentFingerprint(tokens.join(""));
  // Everything around a chunk's content is the same for the whole answer: build it once, so that
  // a token costs one JSON.stringify of a short word (this provider is the peer in benchmarks).
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(plan.model)},"system_fingerprint":"${fingerprint}","choices":[{"index":0,"delta":{`;
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
    if (plan.includeUsage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: plan.model, system_fingerprint: fingerprint, choices: [], usage })}\n\n`);
    res.end("data: [DONE]\n\n");
    finish();
  };

  // Not streamed: the answer is whole when its last token would have been streamed, so one timer.
  const answer = () => {
    stats.tokens += tokens.length;
    const body = JSON.stringify({
      id, object: "chat.completion", created, model: plan.model, system_fingerprint: fingerprint,
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

// Deterministic output: the same request gives the same tokens, so a scenario's numbers are
// reproducible and a test can compare two answers byte for byte. A fixed vocabulary; each token
// is one word plus a space, about 1.3 real tokens on average.
const WORDS = (
  "the a model answer request stream token latency gateway provider fault chaos load test " +
  "service error retry timeout breaker fallback recovery signal metric trace span budget " +
  "queue shed pod node cluster network packet delay jitter bandwidth reset deadline resilient"
).split(" ");

/** Yields `count` tokens seeded by `seedText` (a hash of the request). */
function tokensFor(seedText: string, count: number): string[] {
  const digest = createHash("sha256").update(seedText).digest();
  let state = digest.readUInt32LE(0) || 1;
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    // xorshift32: cheap, deterministic, good enough to pick words.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = `${WORDS[state % WORDS.length]} `;
  }
  return out;
}

/** Approximate prompt tokens: 4 characters per token, as OpenAI's rule of thumb. */
function promptTokens(messages: ReadonlyArray<{ content?: unknown }>): number {
  let chars = 0;
  for (const m of messages) chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length;
  return Math.max(1, Math.ceil(chars / 4));
}
