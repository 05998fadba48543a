import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import { kOnSocket, watchSendHeaders } from "./channel.ts";
import { claimDial, type VuConnections } from "./connection.ts";
import { classifyError, RequestTimeoutError, type K6HttpError } from "./errors.ts";

/** k6's per-round-trip timings in milliseconds. */
export interface Timings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

/** One HTTP round trip's outcome, before it becomes a k6 Response. */
export interface RoundTrip {
  status: number;
  statusText: string;
  rawHeaders: Buffer[] | null;
  body: Buffer | null;
  timings: Timings;
  error?: K6HttpError;
  proto: string;
  /** performance.now() when the round trip ended (sample timestamps). */
  endedAt: number;
}

/** What one hop sends. */
export interface HopRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer | string | null;
  timeoutMs: number;
  keepBody: boolean;
}

/** Lets an interrupted iteration drop its in-flight requests. */
export interface Cancellable {
  add(cancel: () => void): void;
  delete(cancel: () => void): void;
}

const since = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > a ? b - a : 0);

/**
 * Sends one request through the VU's agent and times it from undici's own events:
 * the socket assignment (sendHeaders channel), onRequestSent, onResponseStarted (first
 * response byte) and onComplete. The promise never settles if the request is cancelled.
 */
export function dispatchHop(conn: VuConnections, req: HopRequest, inflight: Cancellable): Promise<RoundTrip> {
  watchSendHeaders();
  const t0 = performance.now();
  return new Promise((resolve) => {
    let sendStart: number | undefined, sent: number | undefined, firstByte: number | undefined;
    let dial: ReturnType<typeof claimDial>;
    let status = 0, statusText = "", rawHeaders: Buffer[] | null = null;
    const proto = "HTTP/1.1";
    const chunks: Buffer[] = [];
    let abort: ((err: Error) => void) | undefined;
    let done = false;
    const cancel = () => { done = true; clearTimeout(timer); abort?.(new Error("iteration interrupted")); };
    inflight.add(cancel);

    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      inflight.delete(cancel);
      const end = performance.now();
      const connecting = dial ? since(dial.start, dial.connected) : 0;
      const tls = dial ? since(dial.connected, dial.secured) : 0;
      const blocked = Math.max(0, since(t0, sendStart ?? end) - connecting - tls);
      const sending = since(sendStart, sent ?? firstByte);
      const waiting = since(sent ?? sendStart, firstByte);
      const receiving = since(firstByte, end);
      const timings = { blocked, connecting, tls_handshaking: tls, sending, waiting, receiving, duration: sending + waiting + receiving };
      const hostPort = `${req.url.hostname}:${req.url.port || (req.url.protocol === "https:" ? 443 : 80)}`;
      const trip: RoundTrip = {
        status: err ? 0 : status,
        statusText: err ? "" : statusText,
        rawHeaders: err ? null : rawHeaders,
        body: err || !req.keepBody ? null : Buffer.concat(chunks),
        timings,
        ...(err ? { error: classifyError(err, hostPort) } : {}),
        proto: err ? "" : proto,
        endedAt: end,
      };
      // Settle two loop turns later: undici frees the connection in a setImmediate queued
      // after onComplete; a request sent before that would open a second connection.
      setImmediate(() => setImmediate(resolve, trip));
    };
    const timer = setTimeout(() => {
      const e = new RequestTimeoutError();
      abort?.(e);
      finish(e);
    }, req.timeoutMs);

    const handler = {
      [kOnSocket](socket: unknown) {
        sendStart = performance.now();
        dial = claimDial(socket);
      },
      onConnect(a: (err: Error) => void) { abort = a; },
      onRequestSent() { sent = performance.now(); },
      onResponseStarted() { firstByte = performance.now(); },
      onHeaders(code: number, headers: Buffer[], _resume: () => void, text: string) {
        firstByte ??= performance.now();
        status = code;
        statusText = text;
        rawHeaders = headers;
        return true;
      },
      onData(chunk: Buffer) {
        if (req.keepBody) chunks.push(chunk);
        return true;
      },
      onComplete() { finish(); },
      onError(err: Error) { finish(err); },
    };
    try {
      conn.dispatch(
        req.url.origin,
        { path: req.url.pathname + req.url.search, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body },
        handler,
      );
    } catch (err) {
      finish(err);
    }
  });
}
