import type { ServerResponse } from "node:http";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
import type { StreamAnswer } from "./resilience/attempt.ts";
import { classifyEvent, dataEvent, parseEvent } from "./sse.ts";

/** Why a stream failed after its first byte. */
export type StreamFailure = "idle-timeout" | "cut" | "upstream-error" | "malformed";

/** How the relay ended: cleanly, with an upstream failure (and which), or because the client left. */
export type RelayEnd = { kind: "complete" } | { kind: "failed"; reason: StreamFailure; message: string } | { kind: "client-gone" };

/** Relay settings; each of the last four is a fragility switch's doing. */
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
 * Relays an upstream stream whose first token is in: sends the head, then the events one by one,
 * so that a cut never leaves half an event on the wire. An upstream failure after the first byte
 * (cut, idle gap, in-band error, an event that is not JSON, which is not relayed) ends the stream
 * with `data: {"error":...}` then `data: [DONE]`; the client leaving aborts the upstream request.
 * Buffered (a broken variant), nothing is sent until the upstream ends.
 */
export async function relayStream(res: ServerResponse, answer: StreamAnswer, opts: RelayOptions): Promise<RelayEnd> {
  const held: string[] | undefined = opts.buffered ? [] : undefined;
  if (!held) opts.sendHead();
  // Returns false when the client is slow to take bytes (wait for drain); held text never is.
  const emit = (text: string): boolean => (held ? (held.push(text), true) : res.write(text));
  let clientGone = false;
  const onClose = (): void => {
    if (res.writableFinished) return;
    clientGone = true;
    if (opts.cancelOnLeave) answer.abort();
  };
  res.on("close", onClose);
  if (res.destroyed) onClose(); // the client left between the first token and this relay
  // The last event that decides how the stream ends ("none": only tokens so far).
  let seen = "none" as "none" | "done" | "error" | "malformed";
  let repeated = !opts.repeatChunk;
  const write = async (blocks: string[]): Promise<void> => {
    for (const block of blocks) {
      const kind = classifyEvent(block);
      if (kind === "malformed" && opts.checkEvents) return void (seen = "malformed");
      // Under --fragile=cancel, after the client left, the rest is read for nobody.
      if (!clientGone) {
        let text = `${block}\n\n`;
        if (!repeated && hasContent(block)) [repeated, text] = [true, text + text];
        if (!emit(text)) await drained(res);
      }
      if (kind === "done" || kind === "error") return void (seen = kind);
    }
  };
  const ended = (): boolean => seen !== "none" || (clientGone && opts.cancelOnLeave);
  let idle = false;
  let end: RelayEnd = { kind: "complete" };
  try {
    await write(answer.head);
    while (!ended()) {
      // Only the wait for upstream bytes is timed: a client slow to read is not an idle provider.
      const timer = Number.isFinite(opts.idleTimeoutMs) ? setTimeout(() => ((idle = true), answer.abort()), opts.idleTimeoutMs) : undefined;
      let next: IteratorResult<Buffer>;
      try {
        next = await answer.rest.next();
      } finally {
        clearTimeout(timer);
      }
      if (next.done) break;
      await write(answer.splitter.push(next.value));
    }
    if (seen !== "done" && !clientGone) end = failed(seen === "malformed" ? "malformed" : seen === "error" ? "upstream-error" : "cut", opts);
  } catch (err) {
    if (!clientGone) end = failed(idle ? "idle-timeout" : "cut", opts, (err as Error).message);
  } finally {
    res.off("close", onClose);
  }
  if (clientGone) {
    answer.abort();
    return { kind: "client-gone" };
  }
  if (end.kind === "failed") {
    answer.abort();
    if (opts.inBandErrors) {
      if (seen !== "error") emit(dataEvent(midStreamError(end)));
      emit(dataEvent("[DONE]"));
    }
  }
  if (held) {
    opts.sendHead();
    res.end(held.join(""));
  } else res.end();
  return end;
}

function failed(reason: StreamFailure, opts: RelayOptions, detail?: string): RelayEnd {
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

// Waits for the client to take more bytes (or to leave), without piling up listeners.
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

// The in-band error event: the body a 504 (the idle timeout) or a 502 (the provider broke) would carry.
function midStreamError(end: Extract<RelayEnd, { kind: "failed" }>): unknown {
  const timeout = end.reason === "idle-timeout";
  return openAiErrorBody(timeout ? 504 : 502, end.message, { code: timeout ? "timeout" : "provider_stream_error" });
}
