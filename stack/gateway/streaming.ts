import type { ServerResponse } from "node:http";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
import type { StreamAnswer } from "./resilience/attempt.ts";
import { classifyEvent, dataEvent, parseEvent } from "./sse.ts";
import type { ChunkSink } from "./upstream.ts";

/** Why a stream failed after its first byte. */
export type StreamFailure = "idle-timeout" | "cut" | "upstream-error" | "malformed";

/** How the relay ended: cleanly, with an upstream failure (and which), or because the client left. */
export type RelayEnd = { kind: "complete" } | { kind: "failed"; reason: StreamFailure; message: string } | { kind: "client-gone" };

/** Relay settings; each of the last five is a fragility switch's doing. */
export interface RelayOptions {
  provider: string;
  /** Sends the status line and headers (the client's first byte, so TTFT is measured here). */
  sendHead: () => void;
  /** Longest wait for the next upstream chunk (ms); Infinity = wait forever (--fragile=timeouts, stream-idle). */
  idleTimeoutMs: number;
  /** False under --fragile=stream-errors: failures end the stream silently. */
  inBandErrors: boolean;
  /** True under --fragile=buffering: the whole stream is collected, then head and events go out at once. */
  buffered: boolean;
  /** False under --fragile=passthrough: events that are not JSON are relayed like tokens. */
  checkEvents: boolean;
  /** False under --fragile=cancel: when the client leaves, the upstream stream is read to its end, not aborted. */
  cancelOnLeave: boolean;
  /** True under --fragile=corrupt-stream: the first content chunk is sent twice. */
  repeatChunk: boolean;
}

/**
 * Relays an upstream stream whose first token is in: sends the head and the first token at once,
 * then whole events only, so that a cut never leaves half an event on the wire. Events that arrive
 * in the same event-loop turn (or while the client has not taken the last write) leave in one
 * write, at the end of that turn. An upstream failure after the first byte (cut, idle gap, in-band
 * error, an event that is not JSON, which is not relayed) ends the stream with
 * `data: {"error":...}` then `data: [DONE]`; the client leaving aborts the upstream request.
 * Buffered (a broken variant), nothing is sent until the upstream ends.
 */
export function relayStream(res: ServerResponse, answer: StreamAnswer, opts: RelayOptions): Promise<RelayEnd> {
  return new Promise((resolve) => new Relay(res, answer, opts, resolve).start());
}

// Relays with events to write this turn: one setImmediate for all of them runs once the turn's I/O
// callbacks (the upstream chunks) have run, so an event waits at most until the end of its turn.
let dirty: Relay[] = [];
function flushTurn(): void {
  const relays = dirty;
  dirty = [];
  for (const relay of relays) {
    // A throw here would be outside any request's handler: it ends that stream, not the worker.
    try {
      relay.flush();
    } catch (err) {
      relay.fail(err as Error);
    }
  }
}

class Relay implements ChunkSink {
  /** Relayed text not written yet (under buffering: all of it). */
  #pending = "";
  /** The last event that decides how the stream ends ("none": only tokens so far). */
  #seen: "none" | "done" | "error" | "malformed" = "none";
  #repeated: boolean;
  #clientGone = false;
  #idle = false;
  /** A write was not taken whole: nothing more is written, nor read upstream, until "drain". */
  #draining = false;
  #queued = false;
  #finished = false;
  #timer: NodeJS.Timeout | undefined;
  /** When the wait for upstream bytes last started (Date.now(): a chunk came, or the client drained). */
  #waitingSince = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly answer: StreamAnswer,
    private readonly opts: RelayOptions,
    private readonly resolve: (end: RelayEnd) => void,
  ) {
    this.#repeated = !opts.repeatChunk;
  }

  start(): void {
    if (!this.opts.buffered) this.opts.sendHead();
    this.res.on("close", this.#onClose);
    if (this.res.destroyed) this.#onClose(); // the client left between the first token and this relay
    if (!this.#finished) this.#take(this.answer.head);
    if (this.#finished) return;
    this.flush(); // the first token goes out at once
    // Only the wait for upstream bytes is timed: a client slow to read is not an idle provider.
    if (Number.isFinite(this.opts.idleTimeoutMs)) {
      this.#waitingSince = Date.now();
      this.#timer = setTimeout(this.#onIdle, this.opts.idleTimeoutMs);
    }
    this.answer.upstream.attach(this);
  }

  data(chunk: Buffer): void {
    if (this.#finished) return; // after [DONE] the rest (the chunked end) is read and dropped
    this.#waitingSince = Date.now();
    this.#take(this.answer.splitter.push(chunk));
    if (this.#finished || this.#queued || this.#draining || this.#pending === "" || this.opts.buffered) return;
    if (dirty.length === 0) setImmediate(flushTurn);
    dirty.push(this);
    this.#queued = true;
  }

  end(): void {
    if (!this.#finished) this.#finish();
  }

  fail(err: Error): void {
    if (!this.#finished) this.#finish(err);
  }

  /** Writes what is pending in one write, unless the client has not taken the last one yet. */
  flush(): void {
    this.#queued = false;
    if (this.#finished || this.#draining || this.#pending === "" || this.opts.buffered) return;
    const text = this.#pending;
    this.#pending = "";
    if (this.res.write(text)) return;
    this.#draining = true;
    this.answer.upstream.pause();
    this.res.once("drain", this.#onDrain);
  }

  #take(blocks: readonly string[]): void {
    for (const block of blocks) {
      const kind = classifyEvent(block);
      if (kind === "malformed" && this.opts.checkEvents) return this.#finish(undefined, "malformed");
      // Under --fragile=cancel, after the client left, the rest is read for nobody.
      if (!this.#clientGone) {
        const text = `${block}\n\n`;
        const twice = !this.#repeated && hasContent(block);
        if (twice) this.#repeated = true;
        this.#pending += twice ? text + text : text;
      }
      if (kind === "done" || kind === "error") return this.#finish(undefined, kind);
    }
  }

  readonly #onDrain = (): void => {
    this.#draining = false;
    if (this.#finished) return;
    this.flush();
    if (this.#draining) return;
    this.answer.upstream.resume();
    this.#waitingSince = Date.now();
  };

  // One timer per stream, set again only when it fires early: a chunk since it was set (or a client
  // slow to read, which is no idle provider) moves the deadline on, without a timer call per chunk.
  readonly #onIdle = (): void => {
    const quietMs = Date.now() - this.#waitingSince;
    if (this.#draining || quietMs < this.opts.idleTimeoutMs) {
      this.#timer = setTimeout(this.#onIdle, this.#draining ? this.opts.idleTimeoutMs : this.opts.idleTimeoutMs - quietMs);
      return;
    }
    this.#idle = true;
    this.answer.upstream.abort(); // undici fails the body, which ends the relay
  };

  readonly #onClose = (): void => {
    if (this.res.writableFinished) return;
    this.#clientGone = true;
    this.#pending = "";
    if (this.opts.cancelOnLeave) return this.#finish();
    if (!this.#draining) return;
    this.#draining = false;
    this.res.off("drain", this.#onDrain);
    this.answer.upstream.resume();
    this.#waitingSince = Date.now();
  };

  #finish(err?: Error, seen?: "done" | "error" | "malformed"): void {
    this.#finished = true;
    if (seen) this.#seen = seen;
    clearTimeout(this.#timer);
    this.res.off("close", this.#onClose);
    this.res.off("drain", this.#onDrain);
    const { res, answer, opts } = this;
    if (this.#clientGone) {
      answer.upstream.abort();
      return this.resolve({ kind: "client-gone" });
    }
    const seenFailure = this.#seen === "malformed" ? "malformed" : this.#seen === "error" ? "upstream-error" : "cut";
    const end: RelayEnd = err ? failed(this.#idle ? "idle-timeout" : "cut", opts, err.message) : this.#seen === "done" ? { kind: "complete" } : failed(seenFailure, opts);
    // A stream that ended well is read to its end (the chunked terminator), paused or not, so that
    // its connection goes back to the pool instead of waiting for undici's body timeout.
    if (end.kind === "complete") answer.upstream.resume();
    else {
      answer.upstream.abort();
      if (opts.inBandErrors) {
        if (this.#seen !== "error") this.#pending += dataEvent(midStreamError(end));
        this.#pending += dataEvent("[DONE]");
      }
    }
    if (opts.buffered) opts.sendHead();
    if (this.#pending === "") res.end();
    else res.end(this.#pending);
    this.#pending = "";
    this.resolve(end);
  }
}

function failed(reason: StreamFailure, opts: RelayOptions, detail?: string): Extract<RelayEnd, { kind: "failed" }> {
  const what: Record<StreamFailure, string> = {
    "idle-timeout": `sent nothing for ${opts.idleTimeoutMs} ms mid-stream`,
    cut: detail ? `stream broke: ${detail}` : "ended the stream before [DONE]",
    "upstream-error": "sent an error event mid-stream",
    malformed: "sent an event that is not JSON mid-stream",
  };
  return { kind: "failed", reason, message: `${opts.provider} ${what[reason]}` };
}

// True for a chunk that carries answer text (what --fragile=corrupt-stream repeats).
function hasContent(block: string): boolean {
  const event = parseEvent(block);
  if (typeof event !== "object" || event === null) return false;
  const choice = (event.choices as Array<{ delta?: { content?: unknown } }> | undefined)?.[0];
  return typeof choice?.delta?.content === "string" && choice.delta.content.length > 0;
}

// The in-band error event: the body a 504 (the idle timeout) or a 502 (the provider broke) would carry.
function midStreamError(end: Extract<RelayEnd, { kind: "failed" }>): unknown {
  const timeout = end.reason === "idle-timeout";
  return openAiErrorBody(timeout ? 504 : 502, end.message, { code: timeout ? "timeout" : "provider_stream_error" });
}
