import type { IncomingHttpHeaders } from "node:http";

/** Longest backoff between two attempts, whatever the attempt number (ms). */
const MAX_BACKOFF_MS = 2000;

/**
 * Jittered exponential backoff before retry number `retry` (0-based): half of base·2^retry fixed,
 * half random ("equal jitter"), so retries spread out but never collapse to zero.
 */
export function backoffMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(baseMs * 2 ** retry, MAX_BACKOFF_MS);
  return step / 2 + random() * (step / 2);
}

/** The upstream's requested wait from `retry-after-ms` or `retry-after` (seconds or HTTP date), in ms. */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (headers["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers["retry-after"];
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}
