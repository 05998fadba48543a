import diagnostics from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import { claimDial, type DialTimings, type VuConnections } from "./connection.ts";
import { classifyError, RequestTimeoutError } from "./errors.ts";
import type { Cancellable, HopRequest, RoundTrip, Timings } from "./trip.ts";

export type { Cancellable, HopRequest, RoundTrip, Timings } from "./trip.ts";

/** Handlers that want the socket their request is written to implement this method. */
const kOnSocket = Symbol("k6.onSocket");

let handlerKey: symbol | undefined;
let subscribed = false;

function onSendHeaders(message: unknown): void {
  const request = (message as { request?: object; socket?: unknown }).request;
  if (!request) return;
  // undici keeps the dispatch handler under a private symbol named "handler"; it is found
  // once by name so that a renamed symbol degrades to "no dial timings", not a crash.
  handlerKey ??= Object.getOwnPropertySymbols(request).find((s) => s.description === "handler");
  if (!handlerKey) return;
  const handler = (request as Record<symbol, { [kOnSocket]?: (socket: unknown) => void } | undefined>)[handlerKey];
  handler?.[kOnSocket]?.((message as { socket?: unknown }).socket);
}

/**
 * Subscribes (once per process) to undici's `undici:client:sendHeaders` channel, which tells
 * a request's handler which socket it went out on and when its headers were written.
 */
function watchSendHeaders(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe("undici:client:sendHeaders", onSendHeaders);
}

/**
 * Settles a finished round trip only once undici can hand its connection to the next request.
 *
 * undici calls the handler's onComplete and only then queues `setImmediate(client[kResume])`:
 * until that immediate runs the client counts as busy, and a request dispatched in between
 * opens a second connection (k6 reuses the VU's connection). An immediate queued from
 * onComplete runs before undici's, so the round trip settles from a second one. (Queueing
 * the first from a microtask instead was tried: the reuse test then sees a dial per request.)
 * Module-level functions with setImmediate's extra arguments: no closure per request.
 */
function settleAfterResume<T>(resolve: (value: T) => void, value: T): void {
  setImmediate(settleNextTurn<T>, resolve, value);
}

function settleNextTurn<T>(resolve: (value: T) => void, value: T): void {
  setImmediate(resolve, value);
}

const since = (a: number, b: number): number => (b > a ? b - a : 0);

function onTimeout(hop: Hop): void {
  const e = new RequestTimeoutError();
  hop.abort?.(e);
  hop.finish(e);
}

/**
 * One request's undici handler and timer. A class, not closures: this runs per request and
 * its methods live on the prototype. Timestamps are performance.now() ms, NaN until seen.
 */
class Hop {
  sendStart = Number.NaN;
  sent = Number.NaN;
  firstByte = Number.NaN;
  dial: DialTimings | undefined = undefined;
  status = 0;
  statusText = "";
  rawHeaders: Buffer[] | null = null;
  chunks: Buffer[] = [];
  abort: ((err: Error) => void) | undefined = undefined;
  done = false;
  readonly timer: NodeJS.Timeout;
  readonly t0 = performance.now();
  readonly cancel: () => void;

  constructor(readonly req: HopRequest, private readonly inflight: Cancellable, private readonly resolve: (trip: RoundTrip) => void) {
    // Assigned here, not as a field initializer: tsx's keepNames wraps a named arrow in a
    // per-request defineProperty call.
    this.cancel = () => {
      this.done = true;
      clearTimeout(this.timer);
      this.abort?.(new Error("iteration interrupted"));
    };
    inflight.add(this.cancel);
    this.timer = setTimeout(onTimeout, req.timeoutMs, this);
  }

  [kOnSocket](socket: unknown): void {
    this.sendStart = performance.now();
    this.dial = claimDial(socket);
  }
  onConnect(abort: (err: Error) => void): void { this.abort = abort; }
  onRequestSent(): void { this.sent = performance.now(); }
  onResponseStarted(): void { this.firstByte = performance.now(); }
  onHeaders(code: number, headers: Buffer[], _resume: () => void, text: string): boolean {
    if (Number.isNaN(this.firstByte)) this.firstByte = performance.now();
    this.status = code;
    this.statusText = text;
    this.rawHeaders = headers;
    return true;
  }
  onData(chunk: Buffer): boolean {
    if (this.req.keepBody) this.chunks.push(chunk);
    return true;
  }
  onComplete(): void { this.finish(); }
  onError(err: Error): void { this.finish(err); }

  finish(err?: unknown): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.inflight.delete(this.cancel);
    const end = performance.now();
    const { dial, sendStart, firstByte } = this;
    const sent = Number.isNaN(this.sent) ? firstByte : this.sent;
    const connecting = dial ? since(dial.start, dial.connected) : 0;
    const tls = dial ? since(dial.connected, dial.secured) : 0;
    const blocked = Math.max(0, since(this.t0, Number.isNaN(sendStart) ? end : sendStart) - connecting - tls);
    // NaN compares false: a missing timestamp yields 0, as before.
    const sending = since(sendStart, sent);
    // k6 (lib/netext/httpext/tracer.go Done): a request written but never answered waits until
    // the end, so a timeout's duration is the time it waited; otherwise until the first byte.
    const waiting = Number.isNaN(firstByte) ? since(this.sent, end) : since(Number.isNaN(this.sent) ? sendStart : this.sent, firstByte);
    const receiving = since(firstByte, end);
    const timings: Timings = { blocked, connecting, tls_handshaking: tls, sending, waiting, receiving, duration: sending + waiting + receiving };
    const chunks = this.chunks;
    const trip: RoundTrip = err
      ? { status: 0, statusText: "", rawHeaders: null, body: null, timings, error: classifyError(err, this.req.target.hostPort), proto: "", endedAt: end }
      : {
          status: this.status, statusText: this.statusText, rawHeaders: this.rawHeaders,
          body: !this.req.keepBody ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
          timings, proto: "HTTP/1.1", endedAt: end,
        };
    settleAfterResume(this.resolve, trip);
  }
}

/**
 * Sends one request through the VU's agent and times it from undici's own events:
 * the socket assignment (sendHeaders channel), onRequestSent, onResponseStarted (first
 * response byte) and onComplete. The promise never settles if the request is cancelled.
 */
export function dispatchHop(conn: VuConnections, req: HopRequest, inflight: Cancellable): Promise<RoundTrip> {
  watchSendHeaders();
  return new Promise((resolve) => {
    const hop = new Hop(req, inflight, resolve);
    try {
      const opts = { origin: req.target.origin, path: req.target.path, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body };
      conn.dispatch(opts, hop);
    } catch (err) {
      hop.finish(err);
    }
  });
}
