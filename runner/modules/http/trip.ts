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
  target: Target;
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
