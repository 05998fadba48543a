import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What `/partial/*` sends before the break. */
export const PARTIAL_BODY = 'data: {"choices":[{"delta":{"content":"half"}}]}\n\n';

/** What `/chunks` sends, in three pieces. */
export const CHUNKED_BODY = "data: café\n\ndata: [DONE]\n\n";

/** A local target for the CLI tests: counts requests and answers by path. */
export interface TestServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1, port 0. Paths: `/status/<code>` answers that status,
 * `/delay/<ms>` answers 200 after the delay, `/redirect` answers 302 to `/status/200`, `/hang`
 * reads the request and never answers, `/partial/end|reset|hang` answer 200 with the first
 * half of an SSE body (`PARTIAL_BODY`, chunked) and 50 ms later end the socket, reset the
 * connection, or nothing (the body never ends), `/chunks` answers `CHUNKED_BODY` in three writes
 * 10 ms apart (a "é" split between the first two), anything else 200 with a small JSON body.
 */
export async function startServer(): Promise<TestServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const url = req.url ?? "/";
    const status = /^\/status\/(\d+)/.exec(url);
    const delay = /^\/delay\/(\d+)/.exec(url);
    const send = (code: number) => {
      res.writeHead(code, { "content-type": "application/json", "x-multi": ["a", "b"] });
      res.end(JSON.stringify({ path: url, method: req.method, choices: [{ text: "hi" }] }));
    };
    req.resume();
    if (url === "/hang") return;
    if (url === "/chunks") {
      const bytes = Buffer.from(CHUNKED_BODY);
      const cut = bytes.indexOf(0xa9); // inside "é" (c3 a9)
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.write(bytes.subarray(cut, cut + 5)), 10);
      setTimeout(() => res.end(bytes.subarray(cut + 5)), 20);
      return;
    }
    const partial = /^\/partial\/(end|reset|hang)$/.exec(url);
    if (partial) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(PARTIAL_BODY);
      if (partial[1] !== "hang") setTimeout(() => (partial[1] === "reset" ? req.socket.resetAndDestroy() : req.socket.end()), 50);
      return;
    }
    if (url === "/redirect") {
      res.writeHead(302, { location: "/status/200" });
      res.end();
    } else if (status) send(Number(status[1]));
    else if (delay) setTimeout(() => send(200), Number(delay[1]));
    else send(200);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() { return state.requests; },
    set requests(n: number) { state.requests = n; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
