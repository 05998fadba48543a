import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import type { Connection, DialTimings, VuConnections } from "./connection.ts";
import { classifyError, RequestTimeoutError, type K6HttpError } from "./errors.ts";
import type { Cancellable, HopRequest, RoundTrip, Timings } from "./trip.ts";

export type { Cancellable, HopRequest, RoundTrip, Timings } from "./trip.ts";

const since = (a: number, b: number): number => (b > a ? b - a : 0);

function onTimeout(hop: Hop): void {
  const e = new RequestTimeoutError();
  hop.abort?.(e);
  hop.finish(e);
}

/**
 * One request's undici handler and timer, and, once it ends, its RoundTrip (the Hop itself, so
 * that a request allocates no second object for it). A class, not closures: this runs per request
 * and its methods live on the prototype. Timestamps are performance.now() ms, NaN until seen.
 */
class Hop implements RoundTrip {
  sendStart = Number.NaN;
  sent = Number.NaN;
  firstByte = Number.NaN;
  dial: DialTimings | undefined = undefined;
  status = 0;
  statusText = "";
  rawHeaders: Buffer[] | null = null;
  chunks: Buffer[] | null = null;
  body: Buffer | null = null;
  timings: Timings = NO_TIMINGS;
  error: K6HttpError | undefined = undefined;
  proto = "";
  endedAt = 0;
  abort: ((err: Error) => void) | undefined = undefined;
  done = false;
  /** The connection carrying the request, handed back when it ends. */
  conn: Connection | undefined = undefined;
  readonly timer: NodeJS.Timeout;
  readonly t0 = performance.now();
  readonly cancel: () => void;

  constructor(readonly req: HopRequest, private readonly conns: VuConnections, private readonly inflight: Cancellable, private readonly resolve: (trip: RoundTrip) => void) {
    // Assigned here, not as a field initializer: tsx's keepNames wraps a named arrow in a
    // per-request defineProperty call.
    this.cancel = () => {
      this.done = true;
      clearTimeout(this.timer);
      this.abort?.(new Error("iteration interrupted"));
      this.release();
    };
    inflight.add(this.cancel);
    this.timer = setTimeout(onTimeout, req.timeoutMs, this);
  }

  /** undici calls it right before it writes the request on a connected socket. */
  onConnect(abort: (err: Error) => void): void {
    this.abort = abort;
    this.sendStart = performance.now();
    this.dial = this.conn?.claimDial();
  }
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
    if (this.req.keepBody && !this.done) (this.chunks ??= []).push(chunk);
    return true;
  }
  onComplete(): void { this.finish(); }
  onError(err: Error): void { this.finish(err); }

  finish(err?: unknown): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.inflight.delete(this.cancel);
    this.release();
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
    this.timings = { blocked, connecting, tls_handshaking: tls, sending, waiting, receiving, duration: sending + waiting + receiving };
    this.endedAt = end;
    // A body that broke keeps what came: k6's readResponseBody (lib/netext/httpext/compression.go)
    // returns the bytes copied before the read error, and MakeRequest (request.go) then leaves
    // status, headers and proto unset. A failure before the headers has no body (null).
    const chunks = this.chunks;
    const started = this.rawHeaders !== null;
    this.body = !this.req.keepBody || (err && !started) ? null : !chunks ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.chunks = null;
    if (err) {
      this.error = classifyError(err, started);
      this.status = 0;
      this.statusText = "";
      this.rawHeaders = null;
    } else this.proto = "HTTP/1.1";
    this.resolve(this);
  }

  private release(): void {
    if (this.conn) this.conns.release(this.conn);
    this.conn = undefined;
  }
}

const NO_TIMINGS: Timings = Object.freeze({ blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 });
const EMPTY = Buffer.alloc(0);

/**
 * Sends one request on one of the VU's connections and times it from undici's own events:
 * onConnect (right before the write), onRequestSent, onResponseStarted (first response byte)
 * and onComplete. The promise never settles if the request is cancelled.
 */
export function dispatchHop(conns: VuConnections, req: HopRequest, inflight: Cancellable): Promise<RoundTrip> {
  return new Promise((resolve) => {
    const hop = new Hop(req, conns, inflight, resolve);
    try {
      hop.conn = conns.lease(req.target.origin);
      hop.conn.client.dispatch({ origin: req.target.origin, path: req.target.path, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body }, hop as unknown as Dispatcher.DispatchHandler);
    } catch (err) {
      hop.finish(err);
    }
  });
}
