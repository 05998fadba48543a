import type { K6HttpError } from "./errors.ts";
import type { Target } from "./target.ts";

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
  /**
   * The body's bytes (null: none kept, or no response). One that came in several chunks is
   * gathered in a buffer its connection reuses: read it (or `gatheredText`) before the VU sends
   * on that connection again; reading `body` copies it out.
   */
  readonly body: Buffer | null;
  /** The text of a body that came in several chunks, decoded from the gathering buffer without a copy; undefined otherwise. */
  readonly gatheredText: string | undefined;
  timings: Timings;
  error?: K6HttpError;
  proto: string;
  /** performance.now() when the round trip ended (sample timestamps). */
  endedAt: number;
}

/** What a hop sends, read from the request it belongs to, which hears when the hop ends. */
export interface HopOwner {
  readonly method: string;
  readonly target: Target;
  readonly headers: Record<string, string>;
  readonly payload: Buffer | string | null;
  readonly timeoutMs: number;
  readonly keepBody: boolean;
  /** The hop ended (answered, failed or timed out); not called when it was cancelled. */
  hopDone(trip: RoundTrip): void;
}

/** Something an interrupted iteration can cancel: a pending timer or request. */
export interface Cancelable {
  cancel(): void;
}

/** Lets an interrupted iteration drop its in-flight requests. */
export interface Cancellable {
  add(item: Cancelable): void;
  delete(item: Cancelable): void;
}
