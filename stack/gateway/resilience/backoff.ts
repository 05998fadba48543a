import { ExponentialBackoff, halfJitterGenerator, noJitterGenerator, type IBackoff, type IBackoffFactory, type IExponentialBackoffOptions, type IRetryBackoffContext } from "cockatiel";

/** What cockatiel's RetryPolicy hands a backoff: the attempt number and the failed attempt's result. */
export type RetryContext = IRetryBackoffContext<unknown>;

/** Longest jittered backoff between two attempts, whatever the attempt number (ms). */
const MAX_BACKOFF_MS = 2000;

// base·2^n capped at MAX_BACKOFF_MS; "half jitter" = equal jitter: half of the step fixed, half
// random, so retries spread out but never collapse to zero.
function exponential(baseMs: number): IExponentialBackoffOptions<number> {
  return { generator: halfJitterGenerator, initialDelay: baseMs, maxDelay: MAX_BACKOFF_MS, exponent: 2 };
}

/**
 * cockatiel's jittered ExponentialBackoff, raised to the failed attempt's `Retry-After` when the
 * upstream asked for longer: the wait is max(jittered step, Retry-After) in ms.
 */
export function retryBackoff(baseMs: number): IBackoffFactory<RetryContext> {
  const jitter = new ExponentialBackoff(exponential(baseMs));
  return { next: (ctx) => raised(jitter.next(), ctx) };
}

function raised(step: IBackoff<unknown>, ctx: RetryContext): IBackoff<RetryContext> {
  return { duration: Math.max(step.duration, requestedWaitMs(ctx.result)), next: (c) => raised(step.next(c), c) };
}

// The Retry-After an upstream failure carried (AttemptFailure.retryAfterMs), 0 if none.
function requestedWaitMs(result: RetryContext["result"]): number {
  const wait = "error" in result ? (result.error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof wait === "number" ? wait : 0;
}

/**
 * The longest wait retryBackoff may pick before retry number `retry` (0-based), given the upstream's
 * `retryAfterMs`: the caller gives up on a provider when even this would pass its deadline, so that
 * a backoff is never waited for in vain (ms).
 */
export function longestWaitMs(retry: number, baseMs: number, retryAfterMs: number | undefined): number {
  const [step] = noJitterGenerator(retry, exponential(baseMs));
  return Math.max(step, retryAfterMs ?? 0);
}
