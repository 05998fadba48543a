// bench:runner's scheduling peer: a bare Node open loop, the runner's constant-arrival-rate without
// the runner. Iteration k is due at k/RATE s; the loop sleeps (setTimeout) until the next is due,
// then starts every due one: the bench's chat request on a free undici Client (one per slot, as
// the runner's VUs). Prints {"dropped", "dueMs": [...], "lagMs": [...]} as JSON: each started
// iteration's due time and its start − due, ms since the loop began.
// Usage (a child of bench/runner.ts): tsx open-loop.ts URL RATE SECONDS SLOTS
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Client, type Dispatcher } from "undici";

const [url, rate, seconds, slots] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number, number];
const target = new URL(url);
const body = Buffer.from(JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: 1 })); // as vu-script.ts
const headers = { "content-type": "application/json", "x-mock-ttft-ms": "0" };
const free = Array.from({ length: slots }, () => new Client(target.origin, { headersTimeout: 0, bodyTimeout: 0 }));
const dueMs: number[] = [], lagMs: number[] = [];
let dropped = 0;

function send(client: Client): void {
  const handler = {
    onConnect() {}, onHeaders: () => true, onData: () => true,
    onComplete: () => free.push(client),
    onError: (err: Error) => { console.error(err.message); process.exitCode = 1; },
  };
  client.dispatch({ origin: target.origin, path: target.pathname, method: "POST", headers, body }, handler as unknown as Dispatcher.DispatchHandler);
}

const start = performance.now(), period = 1000 / rate, total = Math.floor(seconds * rate);
for (let k = 0; k < total; ) {
  const now = performance.now() - start;
  for (; k < total && k * period <= now; k++) {
    const client = free.pop();
    if (!client) dropped++;
    else {
      dueMs.push(k * period);
      lagMs.push(performance.now() - start - k * period);
      send(client);
    }
  }
  if (k < total) await sleep(Math.max(0, k * period - (performance.now() - start)));
}
await sleep(500);
// exit once the pipe took it all: a large write to a pipe completes asynchronously
process.stdout.write(JSON.stringify({ dropped, dueMs, lagMs }), () => process.exit());
