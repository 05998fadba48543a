// Stream faults on a provider's link (no xk6-disruptor equivalent): a `probability` share of the
// answers is broken the way LLM streams break. On a streamed answer (200, text/event-stream), after
// `afterChunks` SSE data events: `cut` closes the connection without `data: [DONE]`, `stall` sends
// nothing for `stallFor` and then the rest, `malformed` inserts a `data:` event that is not JSON,
// `error-event` sends OpenAI's error body in band and ends the stream; `drip` adds `delay` before
// every event. `malformed` also truncates a non-streamed 200 JSON answer at half its length.
// Applied per answer in the link's HTTP fault proxy; `affected` counts the answers broken.
import type { ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { formatDuration } from "../../../contracts/duration.ts";
import { openAiErrorBody } from "../../../contracts/openai-error.ts";
import { readChoice, readDuration, readNumber, rejectUnknownFields } from "../fields.ts";
import { defineKind } from "./kind.ts";

const ACTIONS = ["cut", "stall", "malformed", "error-event", "drip"] as const;

/** A normalized stream fault. Times in milliseconds. */
export type StreamSpec =
  | { action: "cut" | "malformed" | "error-event"; probability: number; afterChunks: number }
  | { action: "stall"; probability: number; afterChunks: number; stallForMs: number }
  | { action: "drip"; probability: number; delayMs: number };

// The fields each action takes (besides kind, target, duration, action).
const ACTION_FIELDS: Record<StreamSpec["action"], readonly string[]> = {
  cut: ["probability", "afterChunks"],
  stall: ["probability", "afterChunks", "stallFor"],
  malformed: ["probability", "afterChunks"],
  "error-event": ["probability", "afterChunks"],
  drip: ["probability", "delay"],
};
const MAX_WAIT_MS = 600_000;

/** The `stream` fault kind. */
export const streamKind = defineKind<StreamSpec>({
  kind: "stream",
  leased: true,
  fields: ["action", "probability", "afterChunks", "stallFor", "delay"],
  supports: (target) => target.link !== undefined,
  parse(body) {
    const action = readChoice(body, "action", ACTIONS);
    rejectUnknownFields(body, `stream ${action}`, ["kind", "target", "duration", "action", ...ACTION_FIELDS[action]]);
    const probability = readNumber(body, "probability", { min: 0, max: 1, fallback: 1 });
    if (action === "drip") return { action, probability, delayMs: readDuration(body, "delay", { required: true, min: 1, max: MAX_WAIT_MS }) };
    const afterChunks = readNumber(body, "afterChunks", { min: 0, max: 1_000_000, integer: true, fallback: 1, what: "a number of SSE events, an integer" });
    if (action === "stall") return { action, probability, afterChunks, stallForMs: readDuration(body, "stallFor", { required: true, min: 1, max: MAX_WAIT_MS }) };
    return { action, probability, afterChunks };
  },
  view(spec) {
    if (spec.action === "drip") return { action: spec.action, probability: spec.probability, delay: formatDuration(spec.delayMs) };
    if (spec.action === "stall") return { action: spec.action, probability: spec.probability, afterChunks: spec.afterChunks, stallFor: formatDuration(spec.stallForMs) };
    return { ...spec };
  },
  async apply(ctx, spec) {
    const link = ctx.target.link;
    if (!link) throw new Error(`target '${ctx.target.name}' has no link`);
    return { end: link.addStreamFault(ctx.id, spec, () => ctx.affected()) };
  },
});

/** A stream fault on a link, as the HTTP fault proxy sees it. */
export interface StreamFault { spec: StreamSpec; affected: () => void }

/** An upstream answer about to be relayed: status, headers (hop-by-hop removed), body. */
export interface Answer { status: number; headers: Record<string, string | string[]>; body: Readable }

/** The fault that breaks this answer, or null: the first one that takes its kind of answer and wins its roll. */
export function pickStreamFault<F extends StreamFault>(faults: readonly F[], status: number, headers: Answer["headers"]): F | null {
  if (faults.length === 0 || status !== 200) return null;
  const type = String(headers["content-type"] ?? "");
  const streamed = type.startsWith("text/event-stream");
  if (!streamed && !type.includes("json")) return null;
  return faults.find((f) => (streamed || f.spec.action === "malformed") && Math.random() < f.spec.probability) ?? null;
}

/** Relays `answer` to `res`, broken as `fault` says; resolves when the answer is over. */
export async function breakAnswer(fault: StreamFault, answer: Answer, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const { spec } = fault;
  const headers = { ...answer.headers };
  delete headers["content-length"];
  if (!String(headers["content-type"]).startsWith("text/event-stream")) {
    // A non-streamed answer (malformed only): half its body, with the length of what is sent.
    const whole = Buffer.concat(await answer.body.toArray());
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    fault.affected();
    res.writeHead(answer.status, { ...headers, "content-length": String(half.length) }).end(half);
    return;
  }
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  const send = (text: string) => new Promise<void>((resolve, reject) => res.write(text, (err) => (err ? reject(err) : resolve())));
  const decoder = new TextDecoder();
  let pending = "";
  let events = 0;
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    pending += decoder.decode(chunk, { stream: true });
    for (let end = eventEnd(pending); end > 0; end = eventEnd(pending)) {
      const event = pending.slice(0, end);
      pending = pending.slice(end);
      // Comments and other non-data blocks pass as they are and do not count as events.
      if (!/^data:/m.test(event)) {
        await send(event);
        continue;
      }
      if (spec.action === "drip") {
        if (events === 0) fault.affected();
        await sleep(spec.delayMs, undefined, { signal });
      } else if (events === spec.afterChunks) {
        fault.affected();
        if (spec.action === "cut") return void res.socket?.destroySoon(); // closed once what was sent is written, without the last chunk
        if (spec.action === "error-event") return void res.end(`data: ${JSON.stringify(openAiErrorBody(502, "injected stream fault: the provider failed mid-stream", { code: "provider_error" }))}\n\n`);
        if (spec.action === "malformed") await send('data: {"choices":[{"index":0,"delta":{"content":"unterminated\n\n');
        if (spec.action === "stall") await sleep(spec.stallForMs, undefined, { signal });
      }
      await send(event);
      events++;
    }
  }
  res.end(pending);
}

// --- internal ---

// Where the first SSE event of `text` ends (after its blank line), or 0 when none is complete.
function eventEnd(text: string): number {
  const m = /\r\n\r\n|\n\n|\r\r/.exec(text);
  return m === null ? 0 : m.index + m[0].length;
}
