// The benches' target: a fixed-answer OpenAI-style chat endpoint over raw `net`, several times
// cheaper per request than stack/provider (node:http, a tokenizer, a digest), so that the load
// generator measured against it is not bounded by the target. Any request gets
//   - `"stream":true` in its body: an SSE chat stream (chunked), its status line sent with the
//     first token after `x-mock-ttft-ms`, one token per `x-mock-itl-ms`, `x-mock-output-tokens`
//     tokens (defaults: --ttft, --itl, --tokens), the last token, usage chunk and [DONE] in one
//     write. Stamped for honest latency figures: the first event carries `: t0=<µs>` (request
//     read) and `: t=<µs>` (first event written), the last write `: t=<µs>`; µs of
//     CLOCK_MONOTONIC (process.hrtime), comments the contract's SSE parser ignores;
//   - otherwise: a one-token chat completion (JSON) after `x-mock-ttft-ms` (default 0).
// `GET /stats`: {requests} answered (JSON answers and completed streams), {pending} requests read
// and not yet answered (streams included), {active, started} streams. Run as a child by bench/lib/procs.ts
// startServer (reports {type:"listening", port} over IPC); flags --ttft MS --itl MS --tokens N.
import { createServer, type Socket } from "node:net";
import { parseArgs } from "node:util";

const JSON_BODY = JSON.stringify({
  id: "chatcmpl-bench", object: "chat.completion", created: 0, model: "mock-llm",
  choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});
const JSON_ANSWER = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(JSON_BODY)}\r\nconnection: keep-alive\r\n\r\n${JSON_BODY}`);
const SSE_HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\ntransfer-encoding: chunked\r\nconnection: keep-alive\r\n\r\n";
const CHUNK = (i: number, last: boolean) =>
  `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"mock-llm","choices":[{"index":0,"delta":{${i === 0 ? '"role":"assistant",' : ""}"content":"tok${i % 10} "},"finish_reason":${last ? '"stop"' : "null"}}]}\n\n`;
// Middle chunks repeat every 10 tokens; only the first carries the role, only the last a finish_reason.
const TOKENS = Array.from({ length: 10 }, (_, i) => CHUNK(i === 0 ? 10 : i, false));
const usageAndDone = (n: number) => `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"mock-llm","choices":[],"usage":{"prompt_tokens":64,"completion_tokens":${n},"total_tokens":${64 + n}}}\n\ndata: [DONE]\n\n`;
const chunked = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

const stats = { requests: 0, pending: 0, active: 0, started: 0 };

interface Plan { ttftMs: number; itlMs: number; tokens: number }

function header(head: string, name: RegExp, fallback: number): number {
  const m = name.exec(head);
  return m ? Number(m[1]) : fallback;
}

/** Streams `plan` on `socket`; stops if the socket closes. */
function stream(socket: Socket, plan: Plan, t0: number, onDone: () => void): void {
  stats.active++;
  stats.started++;
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  const closed = () => { clearTimeout(timer); stats.active--; stats.pending--; };
  socket.once("close", closed);
  const step = () => {
    if (socket.destroyed) return;
    const last = i === plan.tokens - 1;
    let text = i === 0 ? `: t0=${t0}\n: t=${nowUs()}\n` : "";
    text += last ? CHUNK(i, true) : i === 0 ? CHUNK(0, false) : TOKENS[i % 10]!;
    if (last) text += `: t=${nowUs()}\n${usageAndDone(plan.tokens)}`;
    socket.write(i === 0 ? SSE_HEAD + chunked(text) + (last ? "0\r\n\r\n" : "") : chunked(text) + (last ? "0\r\n\r\n" : ""));
    i++;
    if (!last) return void (timer = setTimeout(step, plan.itlMs));
    socket.off("close", closed);
    stats.active--;
    stats.pending--;
    stats.requests++;
    onDone();
  };
  timer = setTimeout(step, plan.ttftMs);
}

/** One keep-alive connection: requests in order, one at a time (no pipelining from our clients). */
function serve(socket: Socket, defaults: Plan): void {
  socket.setNoDelay(true);
  let buf = "";
  let busy = false;
  const next = (): void => {
    if (busy) return;
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = buf.slice(0, end);
    const length = header(head, /\r\ncontent-length:\s*(\d+)/i, 0);
    if (buf.length < end + 4 + length) return; // ASCII bodies: characters = bytes
    const body = buf.slice(end + 4, end + 4 + length);
    buf = buf.slice(end + 4 + length);
    const t0 = nowUs();
    busy = true;
    const done = () => { busy = false; next(); };
    if (head.startsWith("GET /stats")) {
      const text = JSON.stringify(stats);
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${text.length}\r\n\r\n${text}`);
      return done();
    }
    const streamed = /"stream":\s*true/.test(body);
    const ttftMs = header(head, /\r\nx-mock-ttft-ms:\s*(\d+)/i, streamed ? defaults.ttftMs : 0);
    if (streamed) {
      stats.pending++;
      const plan = { ttftMs, itlMs: header(head, /\r\nx-mock-itl-ms:\s*(\d+)/i, defaults.itlMs), tokens: Math.max(1, header(head, /\r\nx-mock-output-tokens:\s*(\d+)/i, defaults.tokens)) };
      return stream(socket, plan, t0, done);
    }
    stats.pending++;
    const answer = () => {
      stats.pending--;
      if (socket.destroyed) return;
      socket.write(JSON_ANSWER);
      stats.requests++;
      done();
    };
    if (ttftMs > 0) setTimeout(answer, ttftMs);
    else answer();
  };
  socket.on("data", (d: Buffer) => { buf += d.toString("latin1"); next(); });
  socket.on("error", () => undefined); // a client that resets is not our failure
}

function main(): void {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, ttft: { type: "string", default: "500" }, itl: { type: "string", default: "50" }, tokens: { type: "string", default: "32" } } });
  const defaults: Plan = { ttftMs: Number(values.ttft), itlMs: Number(values.itl), tokens: Number(values.tokens) };
  for (const [k, v] of Object.entries(defaults)) if (!Number.isInteger(v) || v < 0) throw new Error(`--${k === "ttftMs" ? "ttft" : k === "itlMs" ? "itl" : "tokens"} must be a whole number, got ${v}`);
  const server = createServer((s) => serve(s, defaults));
  server.listen(Number(values.port), "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port;
    process.send?.({ type: "listening", port });
  });
  process.on("disconnect", () => process.exit(0));
}

main();
