import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake does with one request. */
export type Behaviour =
  | { kind: "ok"; tokens?: number; delayMs?: number; tokenGapMs?: number }
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "stall" }
  | { kind: "reset" }
  | { kind: "cut"; afterTokens: number }
  | { kind: "error-event"; afterTokens: number }
  | { kind: "stall-after"; afterTokens: number }
  // A `data:` event that is not JSON after `afterTokens` tokens, then the rest of `tokens` (default afterTokens + 2) and [DONE].
  | { kind: "malformed"; afterTokens: number; tokens?: number };

/** A request the fake received, whether its client (the gateway) abandoned it, and when it closed. */
export interface Seen {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  aborted: boolean;
  closedAt?: number;
}

/** A fake OpenAI-compatible provider whose answers the test scripts per request. */
export interface FakeProvider {
  url: string;
  seen: Seen[];
  /** Sets the behaviour for request number n (0-based, counted per fake). */
  behave(fn: (n: number) => Behaviour): void;
  close(): Promise<void>;
}

/** Starts a fake provider on 127.0.0.1:0; by default every request gets 3 tokens at once. */
export async function startFakeProvider(name: string): Promise<FakeProvider> {
  let plan: (n: number) => Behaviour = () => ({ kind: "ok" });
  const seen: Seen[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: Seen = { headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now(), aborted: false };
      seen.push(entry);
      res.on("close", () => Object.assign(entry, { aborted: !res.writableFinished, closedAt: Date.now() }));
      const b = plan(seen.length - 1);
      const stream = (JSON.parse(entry.body) as { stream?: boolean }).stream === true;
      if (b.kind === "stall") return;
      if (b.kind === "reset") return void req.socket.destroy();
      if (b.kind === "status") {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (b.retryAfter !== undefined) headers["retry-after"] = b.retryAfter;
        return void res.writeHead(b.status, headers).end(b.body ?? JSON.stringify({ error: { message: `${name} says ${b.status}`, type: "server_error", param: null, code: null } }));
      }
      const tokens = b.kind === "ok" ? (b.tokens ?? 3) : b.kind === "malformed" ? (b.tokens ?? b.afterTokens + 2) : b.afterTokens;
      const gap = b.kind === "ok" ? (b.tokenGapMs ?? 0) : 0;
      later(b.kind === "ok" ? (b.delayMs ?? 0) : 0, () => {
        if (!stream) {
          return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(name, tokens)));
        }
        res.writeHead(200, { "content-type": "text/event-stream" });
        const send = (i: number): void => {
          if (res.destroyed) return;
          if (i < tokens) {
            if (b.kind === "malformed" && i === b.afterTokens) res.write('data: {"choices":[{"index":0,"delta":{"content":"unterminated\n\n');
            res.write(`data: ${JSON.stringify(chunk(name, `tok${i} `))}\n\n`);
            return gap > 0 ? later(gap, () => send(i + 1)) : send(i + 1);
          }
          // Let the tokens reach the wire first: destroy() discards unflushed writes (ms).
          if (b.kind === "cut") return later(30, () => res.socket?.destroy());
          if (b.kind === "error-event") return void res.end(`data: ${JSON.stringify({ error: { message: `${name} overloaded`, type: "server_error", param: null, code: "overloaded" } })}\n\n`);
          if (b.kind === "stall-after") return;
          res.end(`data: ${JSON.stringify({ ...chunk(name, ""), usage: { prompt_tokens: 1, completion_tokens: tokens, total_tokens: tokens + 1 } })}\n\ndata: [DONE]\n\n`);
        };
        send(0);
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    behave: (fn) => void (plan = fn),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function completion(model: string, tokens: number): unknown {
  const content = Array.from({ length: tokens }, (_, i) => `tok${i}`).join(" ");
  return { id: "cmpl-1", object: "chat.completion", created: 0, model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: tokens, total_tokens: tokens + 1 } };
}

function chunk(model: string, content: string): Record<string, unknown> {
  return { id: "cmpl-1", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta: { content }, finish_reason: null }] };
}
