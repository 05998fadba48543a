// Test harness for the fault controller: a small upstream (plain, big, SSE, JSON, echo routes), a fake
// PodDriver, a controller wired to both on port 0, and request helpers with hard timeouts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createFaultController, type FaultController, type Pod, type PodDriver } from "../../../stack/faults/index.ts";

/** An upstream on 127.0.0.1:0 with the routes the tests need. */
export async function startUpstream(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/big") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.alloc(Number(url.searchParams.get("bytes") ?? 1024), 120));
    } else if (url.pathname === "/sse") {
      // One event every intervalMs, each ~100 bytes, then [DONE].
      const events = Number(url.searchParams.get("events") ?? 5);
      const interval = Number(url.searchParams.get("intervalMs") ?? 20);
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === events) {
          clearInterval(timer);
          res.end("data: [DONE]\n\n");
          return;
        }
        res.write(`data: {"n":${sent++},"pad":"${"x".repeat(80)}"}\n\n`);
      }, interval);
      res.on("close", () => clearInterval(timer));
    } else if (url.pathname === "/echo") {
      req.pipe(res);
    } else if (url.pathname === "/json") {
      const body = JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "x".repeat(200) } }] });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } else {
      res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${url.pathname}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A PodDriver over an in-memory list; terminate() marks the pod terminated and records it. */
export class FakePods implements PodDriver {
  pods: Pod[];
  terminated: string[] = [];
  constructor(count: number) {
    this.pods = Array.from({ length: count }, (_, i) => ({ name: `ai-service-${i}`, pid: 1000 + i, status: "running" as const, restarts: 0 }));
  }
  list(): Pod[] {
    return this.pods.map((p) => ({ ...p }));
  }
  terminate(name: string): void {
    const pod = this.pods.find((p) => p.name === name);
    if (!pod) throw new Error(`no pod ${name}`);
    pod.status = "terminated";
    this.terminated.push(name);
  }
}

/** A controller with provider-a and provider-b in front of one upstream, and ai-service on fake pods. */
export interface Rig { fc: FaultController; pods: FakePods; linkA: string; linkB: string; close(): Promise<void> }

/** Starts the rig; close() closes the controller, then the upstream. */
export async function startRig(podCount = 3): Promise<Rig> {
  const upstream = await startUpstream();
  const pods = new FakePods(podCount);
  const fc = await createFaultController({
    apiPort: 0,
    logger: pino({ level: "silent" }),
    targets: [
      { name: "provider-a", upstream: `127.0.0.1:${upstream.port}`, listenPort: 0 },
      { name: "provider-b", upstream: `127.0.0.1:${upstream.port}`, listenPort: 0 },
      { name: "ai-service", pods },
    ],
  });
  return {
    fc, pods, linkA: fc.linkUrl("provider-a"), linkB: fc.linkUrl("provider-b"),
    close: async () => {
      await fc.close();
      await upstream.close();
    },
  };
}

/** A JSON answer from the API. */
export interface ApiAnswer { status: number; headers: http.IncomingHttpHeaders; json: any }

/** Calls the controller's API (JSON in and out). */
export async function api(fc: FaultController, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const res = await get(`${fc.apiUrl}${path}`, { method, body: text, headers: { "content-type": "application/json", ...headers } });
  return { status: res.status, headers: res.headers, json: res.body === "" ? null : JSON.parse(res.body) };
}

/** Options of get(). */
export interface GetOptions { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number; agent?: http.Agent }

/** A finished HTTP exchange, with its duration in milliseconds. */
export interface GetAnswer { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number; chunks: number[] }

/** One HTTP request with a hard timeout (rejects with code "TIMEOUT"); records when each body chunk came (ms). */
export function get(url: string, opts: GetOptions = {}): Promise<GetAnswer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers, agent: opts.agent ?? false }, (res) => {
      const parts: Buffer[] = [];
      const chunks: number[] = [];
      res.on("data", (c: Buffer) => {
        parts.push(c);
        chunks.push(performance.now() - start);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString(), ms: performance.now() - start, chunks }));
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${opts.timeoutMs}ms`), { code: "TIMEOUT" })), opts.timeoutMs ?? 5_000);
    req.on("error", reject);
    req.on("close", () => clearTimeout(timer));
    req.end(opts.body);
  });
}

/** Resolves after `ms` milliseconds. */
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An SSE answer as a client saw it: its data events (with arrival times, ms), and how it ended. */
export interface SseAnswer { status: number; body: string; events: { data: string; ms: number }[]; outcome: "end" | "error" }

/** Reads an SSE answer through `url` to its end or error, with a hard timeout (rejects with code "TIMEOUT"). */
export function readSse(url: string, timeoutMs = 5_000): Promise<SseAnswer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let body = "";
    const events: SseAnswer["events"] = [];
    let status = 0;
    const done = (outcome: SseAnswer["outcome"]) => resolve({ status, body, events, outcome });
    const req = http.get(url, { agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding("utf8");
      let partial = "";
      res.on("data", (text: string) => {
        body += text;
        const lines = (partial + text).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          const m = /^data: ?(.*?)\r?$/.exec(line);
          if (m) events.push({ data: m[1] ?? "", ms: performance.now() - start });
        }
      });
      res.on("end", () => done("end"));
      res.on("error", () => done("error"));
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no end within ${timeoutMs}ms`), { code: "TIMEOUT" })), timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "TIMEOUT" ? reject(err) : done("error")));
    req.on("close", () => clearTimeout(timer));
  });
}
