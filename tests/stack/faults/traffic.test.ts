// A link's upstream traffic counters (GET /targets, GET /targets/{name}): requests relayed upstream
// (attempts) and answers still open, on the raw path and through the HTTP fault proxy; a held
// stream stays open until it ends; a caller's departure reaches the upstream, and an upstream that
// keeps streaming anyway stays visible.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { after, afterEach, before, describe, test } from "node:test";
import { pino } from "pino";
import { createFaultController, type FaultController } from "../../../stack/faults/index.ts";
import { api, get, readSse, wait } from "./harness.ts";

const silent = pino({ level: "silent" });

/** An upstream whose /hold streams one event, then holds the answer open until release(); /x answers at once. */
async function startHoldingUpstream() {
  const held = new Set<http.ServerResponse>();
  const closed: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.url !== "/hold") return void res.end("ok");
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write('data: {"n":0}\n\n');
    held.add(res);
    res.on("close", () => {
      held.delete(res);
      closed.push(res.writableEnded ? "ended" : "cancelled");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    closed,
    release: () => {
      for (const res of held) res.end("data: [DONE]\n\n");
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw upstream that streams chunked events every 20 ms whatever its caller does (it ignores a FIN), until finish(). */
async function startStubbornUpstream() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("data", () => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
      const timer = setInterval(() => socket.write(chunk('data: {"n":1}\n\n')), 20);
      socket.once("close", () => clearInterval(timer));
      Object.assign(socket, { finish: () => (clearInterval(timer), socket.end(`${chunk("data: [DONE]\n\n")}0\r\n\r\n`)) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    finish: () => {
      for (const s of sockets) (s as net.Socket & { finish?: () => void }).finish?.();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const traffic = async (fc: FaultController, name = "provider-a") => (await api(fc, "GET", `/targets/${name}`)).json.traffic as { attempts: number; requests: number; open: number };

/** Polls until `check` holds or `ms` pass; returns the last value. */
async function settle<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 2_000): Promise<T> {
  let value = await read();
  for (const end = Date.now() + ms; !check(value) && Date.now() < end; value = await read()) await wait(20);
  return value;
}

describe("a link in front of an upstream that holds streams open", () => {
  let upstream: Awaited<ReturnType<typeof startHoldingUpstream>>;
  let fc: FaultController;
  let link: string;
  before(async () => {
    upstream = await startHoldingUpstream();
    fc = await createFaultController({ apiPort: 0, logger: silent, targets: [{ name: "provider-a", upstream: `127.0.0.1:${upstream.port}`, listenPort: 0 }] });
    link = fc.linkUrl("provider-a");
  });
  after(async () => {
    await fc.close();
    await upstream.close();
  });
  afterEach(() => fc.reset());

  test("N requests through the link count N upstream requests, none left open, on fresh and kept-alive connections", async () => {
    const start = await traffic(fc);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await get(`${link}/x`, { agent })).body, "ok");
      for (let i = 0; i < 3; i++) await get(`${link}/x`);
    } finally {
      agent.destroy();
    }
    assert.deepEqual(await traffic(fc), { attempts: start.attempts + 8, requests: start.requests + 8, open: 0 });
  });

  test("GET /targets carries the same counters, and GET /targets/{name} refuses an unknown name", async () => {
    const listed = (await api(fc, "GET", "/targets")).json.targets[0];
    assert.deepEqual(listed.traffic, await traffic(fc));
    const missing = await api(fc, "GET", "/targets/provider-z");
    assert.deepEqual([missing.status, missing.json.error.code], [404, "target_not_found"]);
  });

  test("a streamed answer held open counts open = 1 until it ends, then 0", async () => {
    const answer = readSse(`${link}/hold`);
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 1)).open, 1);
    await wait(100);
    assert.equal((await traffic(fc)).open, 1, "still open while the upstream holds it");
    upstream.release();
    assert.equal((await answer).outcome, "end");
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 0)).open, 0);
  });

  test("a caller that leaves mid-stream: its departure reaches an upstream that cancels, and open returns to 0", async () => {
    const before = upstream.closed.length;
    const req = http.get(`${link}/hold`, { agent: false });
    await new Promise((resolve) => req.once("response", resolve));
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 1)).open, 1);
    req.destroy();
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 0)).open, 0);
    assert.deepEqual(upstream.closed.slice(before), ["cancelled"]);
  });

  test("through an HTTP fault the proxy counts forwarded requests; an injected error is the caller's attempt but no request relayed", async () => {
    const start = await traffic(fc);
    await api(fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "5s", averageDelay: "5ms" });
    for (let i = 0; i < 3; i++) assert.equal((await get(`${link}/x`)).status, 200);
    assert.deepEqual(await traffic(fc), { attempts: start.attempts + 3, requests: start.requests + 3, open: 0 });
    await fc.reset();
    await api(fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "5s", errorRate: 1, errorCode: 503 });
    for (let i = 0; i < 3; i++) assert.equal((await get(`${link}/x`)).status, 503);
    assert.deepEqual(await traffic(fc), { attempts: start.attempts + 6, requests: start.requests + 3, open: 0 });
  });

  test("through an HTTP fault a held stream counts open = 1 until it ends", async () => {
    await api(fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "5s", averageDelay: "1ms" });
    const answer = readSse(`${link}/hold`);
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 1)).open, 1);
    upstream.release();
    assert.equal((await answer).outcome, "end");
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 0)).open, 0);
  });
});

test("a caller that leaves while the upstream keeps streaming: the answer stays open until the upstream ends it", async () => {
  const upstream = await startStubbornUpstream();
  const fc = await createFaultController({ apiPort: 0, logger: silent, targets: [{ name: "provider-a", upstream: `127.0.0.1:${upstream.port}`, listenPort: 0 }] });
  try {
    const req = http.get(`${fc.linkUrl("provider-a")}/stream`, { agent: false });
    req.on("error", () => {});
    await new Promise((resolve) => req.once("response", resolve));
    req.destroy();
    await wait(200);
    assert.deepEqual(await traffic(fc), { attempts: 1, requests: 1, open: 1 }, "the link does not hide an upstream that streams to nobody");
    upstream.finish();
    assert.equal((await settle(() => traffic(fc), (t) => t.open === 0)).open, 0);
  } finally {
    await fc.close();
    await upstream.close();
  }
});
