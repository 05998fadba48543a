import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";

/** Where the rest of a started stream goes once the relay takes it over. */
export interface ChunkSink {
  /** One body chunk as the socket delivered it. */
  data(chunk: Buffer): void;
  /** The body ended. */
  end(): void;
  /** The body broke: the connection was cut, undici's own timer fired, or abort() was called. */
  fail(err: Error): void;
}

/** The status line and headers of an upstream answer. */
export interface UpstreamHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
}

/**
 * One request to a provider through undici's dispatch API (a handler, not `pool.request()`): no
 * Readable stream, async iterator, AsyncResource or AbortSignal per request, and one callback per
 * chunk the socket delivers. The body is pulled (next(), readAll()) while the gateway decides what
 * the answer is, then pushed straight into a sink (attach()) for the rest of a stream; pause() and
 * resume() carry the client's backpressure to the upstream socket.
 */
export class UpstreamCall implements Dispatcher.DispatchHandler {
  /** Resolves with the status and headers; rejects when the request fails before them. */
  readonly head: Promise<UpstreamHead>;
  #onHead!: { ok: (head: UpstreamHead) => void; fail: (err: Error) => void };
  #headDone = false;
  #controller: Dispatcher.DispatchController | undefined;
  #abortRequested = false;
  #sink: ChunkSink | undefined;
  // Pull side, before attach(): chunks not yet taken, how the body ended, who waits for the next.
  #queue: Buffer[] = [];
  #ended = false;
  #error: Error | undefined;
  #waiter: { ok: (chunk: Buffer | null) => void; fail: (err: Error) => void } | undefined;

  private constructor() {
    this.head = new Promise((ok, fail) => (this.#onHead = { ok, fail }));
  }

  /** Sends the request on `pool`. */
  static send(pool: Dispatcher, request: Dispatcher.DispatchOptions): UpstreamCall {
    const call = new UpstreamCall();
    pool.dispatch(request, call);
    return call;
  }

  /** The next body chunk, or null at the end; rejects when the body broke. Only before attach(). */
  next(): Promise<Buffer | null> {
    const chunk = this.#queue.shift();
    if (chunk) return Promise.resolve(chunk);
    if (this.#error) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve(null);
    return new Promise((ok, fail) => (this.#waiter = { ok, fail }));
  }

  /** The whole body; rejects with `tooLarge()` (and aborts) past `maxBytes`. Only before attach(). */
  async readAll(maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) {
      size += chunk.length;
      if (size > maxBytes) {
        this.abort();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** Hands what is queued, then every later chunk and the end, to `sink`. */
  attach(sink: ChunkSink): void {
    this.#sink = sink;
    for (let chunk = this.#queue.shift(); chunk; chunk = this.#queue.shift()) sink.data(chunk);
    if (this.#error) sink.fail(this.#error);
    else if (this.#ended) sink.end();
  }

  /** Stops reading the upstream socket after the chunk being delivered (undici pauses its parser). */
  pause(): void {
    this.#controller?.pause();
  }

  /** Reads on after pause(). */
  resume(): void {
    this.#controller?.resume();
  }

  /**
   * Cuts the request (undici destroys the connection, so the provider stops generating); no-op once
   * it ended. Before undici hands the request a connection, `head` rejects at once and the request
   * is cut when it gets one.
   */
  abort(): void {
    if (this.#controller) {
      if (!this.#controller.aborted) this.#controller.abort(abandoned());
      return;
    }
    this.#abortRequested = true;
    if (!this.#headDone) {
      this.#headDone = true;
      this.#onHead.fail(abandoned());
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortRequested) controller.abort(abandoned());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx: the answer is still to come
    this.#headDone = true;
    this.#onHead.ok({ statusCode, headers });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#sink) return this.#sink.data(chunk);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) waiter.ok(chunk);
    else this.#queue.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#sink) return this.#sink.end();
    this.#ended = true;
    this.#waiter?.ok(null);
    this.#waiter = undefined;
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (!this.#headDone) {
      this.#headDone = true;
      return this.#onHead.fail(err);
    }
    if (this.#sink) return this.#sink.fail(err);
    this.#error = err;
    this.#waiter?.fail(err);
    this.#waiter = undefined;
  }
}

function abandoned(): Error {
  return new Error("the gateway abandoned the upstream request");
}
