// How the stream relay writes to the client (stack/gateway/streaming.ts): the first token at once,
// then the events that arrive in one event-loop turn (or while the client has not taken the last
// write) together in one write; a client slow to read pauses the upstream and is not an idle provider.
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, test } from "node:test";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { createGateway } from "../../../stack/gateway/app.ts";
import type { StreamAnswer } from "../../../stack/gateway/resilience/attempt.ts";
import { SseSplitter } from "../../../stack/gateway/sse.ts";
import { relayStream, type RelayOptions } from "../../../stack/gateway/streaming.ts";
import type { ChunkSink, UpstreamCall } from "../../../stack/gateway/upstream.ts";
import { FAST, chatBody, sseData } from "./harness.ts";
import { startFakeProvider } from "./fake-provider.ts";

const token = (i: number) => `data: {"choices":[{"index":0,"delta":{"content":"tok${i} "}}]}`;
const DONE = "data: [DONE]";

/** A client response that records each write and takes it (true) unless told it is full. */
class FakeClient extends EventEmitter {
  writes: string[] = [];
  ended: string | undefined;
  full = false;
  destroyed = false;
  writableFinished = false;
  write(text: string): boolean {
    this.writes.push(text);
    return !this.full;
  }
  end(text = ""): void {
    this.ended = text;
  }
}

/** An upstream whose chunks the test delivers to the relay's sink; records pause, resume and abort. */
function fakeUpstream(): { call: UpstreamCall; sink: () => ChunkSink; calls: string[] } {
  let sink: ChunkSink | undefined;
  const calls: string[] = [];
  const call = { attach: (s: ChunkSink) => void (sink = s), pause: () => calls.push("pause"), resume: () => calls.push("resume"), abort: () => calls.push("abort") };
  return { call: call as unknown as UpstreamCall, sink: () => sink!, calls };
}

const OPTS: RelayOptions = { provider: "provider-a", sendHead: () => undefined, idleTimeoutMs: Infinity, inBandErrors: true, buffered: false, checkEvents: true, cancelOnLeave: true, repeatChunk: false };

function relay(opts: Partial<RelayOptions> = {}) {
  const client = new FakeClient();
  const upstream = fakeUpstream();
  const answer: StreamAnswer = { kind: "stream", head: [token(0)], splitter: new SseSplitter(), upstream: upstream.call };
  const ended = relayStream(client as unknown as ServerResponse, answer, { ...OPTS, ...opts });
  const send = (...blocks: string[]) => upstream.sink().data(Buffer.from(blocks.map((b) => `${b}\n\n`).join("")));
  return { client, upstream, ended, send };
}

describe("stream relay writes", () => {
  test("the first token is written before relayStream returns, not at the end of the turn", () => {
    const { client } = relay();
    assert.deepEqual(client.writes, [`${token(0)}\n\n`]);
  });

  test("events from chunks delivered in one turn leave in one write at the end of that turn; a later turn's in another", async () => {
    const { client, send, ended } = relay();
    send(token(1));
    send(token(2), token(3));
    assert.equal(client.writes.length, 1, "nothing written before the turn ends");
    await nextTurn();
    assert.deepEqual(client.writes.slice(1), [`${token(1)}\n\n${token(2)}\n\n${token(3)}\n\n`]);
    send(token(4));
    await nextTurn();
    assert.deepEqual(client.writes.slice(2), [`${token(4)}\n\n`]);
    send(DONE);
    assert.deepEqual(await ended, { kind: "complete" });
    assert.equal(client.ended, `${DONE}\n\n`, "[DONE] goes out with the end, at once");
  });

  test("while the client has not taken a write, nothing more is written and the upstream pauses; on drain the rest leaves in one write", async () => {
    const { client, upstream, send } = relay();
    client.full = true;
    send(token(1));
    await nextTurn();
    assert.equal(client.writes.length, 2);
    assert.deepEqual(upstream.calls, ["pause"]);
    send(token(2));
    send(token(3));
    await nextTurn();
    assert.equal(client.writes.length, 2, "nothing written while the client is full");
    client.full = false;
    client.emit("drain");
    assert.deepEqual(client.writes.slice(2), [`${token(2)}\n\n${token(3)}\n\n`]);
    assert.deepEqual(upstream.calls, ["pause", "resume"]);
  });

  test("a stream that ends while its upstream is paused reads that upstream on to its end (its connection goes back to the pool)", async () => {
    const { client, upstream, send, ended } = relay();
    client.full = true;
    send(token(1));
    await nextTurn();
    send(DONE);
    assert.deepEqual(await ended, { kind: "complete" });
    assert.deepEqual(upstream.calls, ["pause", "resume"]);
  });

  test("the idle deadline runs from the last chunk, or from the end of a wait for a slow client, never through that wait", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: 0 }); // setImmediate (the turn's flush) stays real
    // in 5 ms steps: a mocked timer runs with the clock at the end of the tick that passes its time
    const advance = (ms: number) => {
      for (let i = 0; i < ms; i += 5) t.mock.timers.tick(5);
    };
    const { client, upstream, send, ended } = relay({ idleTimeoutMs: 100 });
    advance(60);
    send(token(1));
    advance(60);
    assert.deepEqual(upstream.calls, [], "120 ms after the first token but 60 after the last chunk: not idle");
    client.full = true;
    send(token(2));
    await nextTurn();
    advance(300);
    assert.deepEqual(upstream.calls, ["pause"], "a client slow to read for 300 ms is not an idle provider");
    client.full = false;
    client.emit("drain");
    advance(90);
    assert.deepEqual(upstream.calls, ["pause", "resume"], "90 ms after the drain: not idle yet");
    advance(20);
    assert.deepEqual(upstream.calls, ["pause", "resume", "abort"], "110 ms of silence after the drain: idle");
    upstream.sink().fail(new Error("aborted")); // what undici does once the request is aborted
    const end = await ended;
    assert.equal(end.kind === "failed" && end.reason, "idle-timeout");
  });
});

describe("stream relay writes, over HTTP", () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  test("events that arrive in one upstream chunk leave in one write, and the first token is not held back for them", async () => {
    let clientHasFirst = false;
    let release = () => undefined as void;
    const released = new Promise<void>((ok) => (release = ok));
    // provider-a: the first token, then (once the client has it, or after 2 s) three tokens in one write, then [DONE]
    const upstream = createServer((req, res) => {
      req.resume().on("end", async () => {
        res.writeHead(200, { "content-type": "text/event-stream" }).write(`${token(0)}\n\n`);
        await Promise.race([released, sleep(2000)]);
        const batchAfterFirst = clientHasFirst;
        res.write(`${token(1)}\n\n${token(2)}\n\n${token(3)}\n\n`);
        await sleep(50);
        res.end(`data: {"batchAfterFirst":${batchAfterFirst}}\n\n${DONE}\n\n`);
      });
    });
    await new Promise<void>((ok) => upstream.listen(0, "127.0.0.1", ok));
    const b = await startFakeProvider("provider-b");
    const gateway = createGateway({ ...FAST, providerA: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, providerB: b.url }, { logLevel: "silent" });
    const writes: string[] = [];
    gateway.prependListener("request", (_req, res: ServerResponse) => {
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => (writes.push(String(chunk)), write(chunk))) as typeof res.write;
    });
    await new Promise<void>((ok) => gateway.listen(0, "127.0.0.1", ok));
    closers.push(async () => {
      gateway.closeAllConnections();
      await new Promise((ok) => gateway.close(ok));
      upstream.closeAllConnections();
      await new Promise((ok) => upstream.close(ok));
      await b.close();
    });

    const res = await fetch(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody({ stream: true })), signal: AbortSignal.timeout(10_000),
    });
    const reader = res.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    clientHasFirst = text.includes("tok0");
    release();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);

    assert.ok(sseData(text).includes('{"batchAfterFirst":true}'), "the client had the first token before the provider sent the next ones");
    const batch = writes.filter((w) => /tok[123]/.test(w));
    assert.deepEqual(batch, [`${token(1)}\n\n${token(2)}\n\n${token(3)}\n\n`], "the three tokens of one upstream chunk in one write");
    assert.equal(sseData(text).at(-1), "[DONE]");
  });
});
