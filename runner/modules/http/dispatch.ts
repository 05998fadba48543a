import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import { gathered, type Connection, type DialTimings, type Timed, type VuConnections } from "./connection.ts";
import { classifyError, RequestTimeoutError, type K6HttpError } from "./errors.ts";
import type { Cancellable, HopOwner, RoundTrip, Timings } from "./trip.ts";

export type { Cancelable, Cancellable, HopOwner, RoundTrip, Timings } from "./trip.ts";

const since = (a: number, b: number): number => (b > a ? b - a : 0);

/**
 * One round trip: its undici handler and timer, and, once it ends, its RoundTrip (the Hop itself,
 * so that a request allocates no second object for it), handed to its owner. A class, not
 * closures: this runs per request and its methods live on the prototype. Timestamps are
 * performance.now() ms, NaN until seen.
 */
class Hop implements RoundTrip, Timed {
  sendStart = Number.NaN;
  sent = Number.NaN;
  firstByte = Number.NaN;
  dial: DialTimings | undefined = undefined;
  status = 0;
  statusText = "";
  rawHeaders: Buffer[] | null = null;
  /** The body's first chunk, kept as it is (most bodies come in one). */
  first: Buffer | null = null;
  /** With a second chunk, the body so far is gathered in the connection's buffer, `gatheredLength` bytes. */
  gatheredLength = 0;
  private gatheredIn: Buffer | null = null;
  private joined: Buffer | null | undefined = undefined;
  timings: Timings = NO_TIMINGS;
  error: K6HttpError | undefined = undefined;
  proto = "";
  endedAt = 0;
  abort: ((err: Error) => void) | undefined = undefined;
  done = false;
  /** The connection carrying the request, handed back when it ends. */
  conn: Connection | undefined = undefined;
  readonly t0 = performance.now();
  /** When k6's request `timeout` ends it (performance.now() ms); the connection's timer watches it. */
  readonly deadline: number;

  constructor(private readonly owner: HopOwner, private readonly conns: VuConnections, private readonly inflight: Cancellable) {
    this.deadline = this.t0 + owner.timeoutMs;
    inflight.add(this);
  }

  /** The iteration was interrupted: the request is dropped and its owner never hears of it. */
  cancel(): void {
    this.done = true;
    this.giveUp(new Error("iteration interrupted"));
    this.release();
  }

  /** The deadline passed (the connection's timer). */
  timeout(): void {
    const e = new RequestTimeoutError();
    this.giveUp(e);
    this.finish(e);
  }

  /** Stops the request: undici aborts a written one (and closes its socket); an unwritten one closes its connection. */
  private giveUp(err: Error): void {
    if (this.abort) this.abort(err);
    else if (this.conn) this.conns.discard(this.conn);
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
    if (!this.owner.keepBody || this.done) return true;
    if (this.first === null && this.gatheredIn === null) {
      this.first = chunk;
      return true;
    }
    const conn = this.conn!;
    if (this.first) {
      conn.gather = gathered(conn.gather, 0, this.first);
      this.gatheredLength = this.first.length;
      this.first = null;
    }
    conn.gather = gathered(conn.gather, this.gatheredLength, chunk);
    this.gatheredLength += chunk.length;
    this.gatheredIn = conn.gather;
    return true;
  }
  onComplete(): void { this.finish(); }
  onError(err: Error): void { this.finish(err); }

  finish(err?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.inflight.delete(this);
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
    const started = this.rawHeaders !== null;
    if (!this.owner.keepBody || (err && !started)) {
      this.first = null;
      this.gatheredIn = null;
      this.joined = null;
    } else if (!this.first && !this.gatheredIn) this.first = EMPTY;
    if (err) {
      this.error = classifyError(err, started);
      this.status = 0;
      this.statusText = "";
      this.rawHeaders = null;
    } else this.proto = "HTTP/1.1";
    this.owner.hopDone(this);
  }

  get body(): Buffer | null {
    if (this.joined === undefined) this.joined = this.gatheredIn ? Buffer.from(this.gatheredIn.subarray(0, this.gatheredLength)) : this.first;
    return this.joined;
  }

  get gatheredText(): string | undefined {
    return this.gatheredIn?.toString("utf8", 0, this.gatheredLength);
  }

  private release(): void {
    const conn = this.conn;
    if (!conn) return;
    conn.untime(this);
    this.conns.release(conn);
    this.conn = undefined;
  }
}

const NO_TIMINGS: Timings = Object.freeze({ blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 });
const EMPTY = Buffer.alloc(0);

/**
 * Sends one round trip of `owner`'s request on one of the VU's connections and times it from
 * undici's own events: onConnect (right before the write), onRequestSent, onResponseStarted
 * (first response byte) and onComplete; `owner.hopDone` hears the outcome, unless the hop is
 * cancelled through `inflight`.
 */
export function sendHop(owner: HopOwner, conns: VuConnections, inflight: Cancellable): void {
  const hop = new Hop(owner, conns, inflight);
  const { origin, path } = owner.target;
  try {
    hop.conn = conns.lease(origin);
    hop.conn.time(hop);
    hop.conn.client.dispatch({ origin, path, method: owner.method as Dispatcher.HttpMethod, headers: owner.headers, body: owner.payload }, hop as unknown as Dispatcher.DispatchHandler);
  } catch (err) {
    hop.finish(err);
  }
}
