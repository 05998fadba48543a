import type { ServerResponse } from "node:http";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
import type { StreamAnswer } from "./resilience/attempt.ts";
import { classifyEvent, dataEvent } from "./sse.ts";

/** How the relay ended: cleanly, with an upstream failure (and which), or because the client left. */
export type RelayEnd = { kind: "complete" } | { kind: "failed"; reason: "idle-timeout" | "cut" | "upstream-error"; message: string } | { kind: "client-gone" };

/** Relay settings. */
export interface RelayOptions {
  provider: string;
  /** Longest silence between upstream chunks (ms); Infinity = wait forever. */
  idleTimeoutMs: number;
  /** False under --fragile=stream-errors: failures end the stream silently. */
  inBandErrors: boolean;
  /** Sends the status line and headers (the client's first byte, so TTFT is measured here). */
  sendHead: () => void;
  /** True under --fragile=buffering: the whole stream is collected, then head and events go out at once. */
  buffered: boolean;
}

/**
 * Relays an upstream stream whose first token is in: sends the head, then the events one by one,
 * so that a cut never leaves half an event on the wire. An upstream failure after the first byte
 * ends the stream with `data: {"error":...}` then `data: [DONE]`; the client leaving aborts the
 * upstream request. Buffered (the broken variant), nothing is sent until the upstream ends.
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
    answer.abort();
  };
  res.on("close", onClose);
  if (res.destroyed) onClose(); // the client left between the first token and this relay
  let sawDone = answer.done;
  let sawError = false;
  let idle = false;
  const write = async (blocks: string[]): Promise<void> => {
    for (const block of blocks) {
      const kind = classifyEvent(block);
      sawDone ||= kind === "done";
      sawError ||= kind === "error";
      if (!emit(`${block}\n\n`)) await drained(res);
    }
  };
  let end: RelayEnd = { kind: "complete" };
  try {
    await write(answer.head);
    while (!sawDone && !clientGone) {
      const timer = Number.isFinite(opts.idleTimeoutMs) ? setTimeout(() => ((idle = true), answer.abort()), opts.idleTimeoutMs) : undefined;
      try {
        const next = await answer.rest.next();
        if (next.done) break;
        await write(answer.splitter.push(next.value));
      } finally {
        clearTimeout(timer);
      }
    }
    if (sawError || (!sawDone && !clientGone)) {
      end = sawError
        ? { kind: "failed", reason: "upstream-error", message: `${opts.provider} sent an error event mid-stream` }
        : { kind: "failed", reason: "cut", message: `${opts.provider} ended the stream before [DONE]` };
    }
  } catch (err) {
    end = clientGone
      ? { kind: "client-gone" }
      : idle
        ? { kind: "failed", reason: "idle-timeout", message: `${opts.provider} sent nothing for ${opts.idleTimeoutMs} ms mid-stream` }
        : { kind: "failed", reason: "cut", message: `${opts.provider} stream broke: ${(err as Error).message}` };
  } finally {
    res.off("close", onClose);
  }
  if (clientGone) return { kind: "client-gone" };
  if (end.kind === "failed") {
    answer.abort();
    if (opts.inBandErrors) {
      if (!sawError) emit(dataEvent(midStreamError(end)));
      if (!sawDone) emit(dataEvent("[DONE]"));
    }
  }
  if (held) {
    opts.sendHead();
    res.end(held.join(""));
  } else res.end();
  return end;
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
