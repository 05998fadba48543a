import type { IncomingHttpHeaders } from "node:http";
import type { ProviderName } from "../providers.ts";

/** The longest Retry-After the gateway honours (ms): a bogus `Retry-After: 86400` must not retire a provider for a day. */
export const MAX_RETRY_AFTER_MS = 60_000;

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

/**
 * A provider's `Retry-After`, honoured for every request of this worker: once a provider asked to
 * be left alone (a 429 or 503 carrying it), no request (health probes included) goes to it until
 * that time has passed; requests skip it as they skip an open breaker. The request whose attempt
 * got the header waits for it instead (the backoff), when it fits in its deadline.
 */
export class RetryAfterGate {
  readonly #until = new Map<ProviderName, { at: number; status: number }>();

  /** Notes a failed attempt's Retry-After (`retryAfterMs`, capped at MAX_RETRY_AFTER_MS); no-op without one. */
  note(provider: ProviderName, failure: { status?: number; retryAfterMs?: number }, now: number = Date.now()): void {
    if (failure.retryAfterMs === undefined) return;
    const at = now + Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS);
    if (at > (this.#until.get(provider)?.at ?? 0)) this.#until.set(provider, { at, status: failure.status ?? 429 });
  }

  /** How long `provider` still asked to be left alone (ms, 0 = free), and the status that asked it. */
  limit(provider: ProviderName, now: number = Date.now()): { waitMs: number; status: number } {
    const entry = this.#until.get(provider);
    if (!entry || entry.at <= now) return { waitMs: 0, status: 0 };
    return { waitMs: entry.at - now, status: entry.status };
  }
}
