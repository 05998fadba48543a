// bench:runner's second peer: the runner's HTTP layer alone. `connections` undici Clients, each
// sending the bench's chat request again as soon as the last one completed (closed loop, as the
// runner's VUs), with a handler that does nothing; what the runner spends per request beyond this
// is its own (iterations, timings, metrics, Response objects).
// Usage (a child of bench/runner.ts): tsx undici-loop.ts URL CONNECTIONS SECONDS TTFT_MS
import { Client, type Dispatcher } from "undici";

const [url, connections, seconds, ttftMs] = process.argv.slice(2);
const target = new URL(url ?? "");
const body = Buffer.from(JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: 1 })); // as vu-script.ts
const headers = { "content-type": "application/json", "x-mock-ttft-ms": ttftMs ?? "0" };
const end = Date.now() + Number(seconds) * 1000;

function loop(client: Client): void {
  if (Date.now() >= end) return void client.close();
  const handler = {
    onConnect() {}, onHeaders: () => true, onData: () => true,
    onComplete: () => queueMicrotask(() => loop(client)),
    onError: (err: Error) => { console.error(err.message); process.exitCode = 1; },
  };
  client.dispatch({ origin: target.origin, path: target.pathname, method: "POST", headers, body }, handler as unknown as Dispatcher.DispatchHandler);
}

for (let i = 0; i < Number(connections); i++) loop(new Client(target.origin, { headersTimeout: 0, bodyTimeout: 0 }));
