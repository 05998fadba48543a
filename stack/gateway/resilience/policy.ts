import { handleWhen, noop, retry, timeout, TimeoutStrategy, wrap, type IPolicy } from "cockatiel";
import type { ErrorKind } from "../errors.ts";
import type { GatewayLogger } from "../logger.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { GatewayOptions } from "../options.ts";
import type { Provider, ProviderName } from "../providers.ts";
import { AttemptFailure, ClientGoneError, type AttemptAnswer, type JsonAnswer } from "./attempt.ts";
import { longestWaitMs, retryBackoff } from "./backoff.ts";
import type { Breaker } from "./breaker.ts";
import type { RetryAfterGate } from "./retry-after.ts";
import type { RetryBudget } from "./retry-budget.ts";

/** One upstream attempt, as the policy drives it: the provider, and the signal that abandons the attempt. */
export type AttemptFn = (provider: Provider, signal: AbortSignal) => Promise<AttemptAnswer>;

/** The policy's verdict: an answer (with who gave it and after how many attempts) or an error answer. */
export type PolicyOutcome =
  | { ok: true; answer: AttemptAnswer; provider: ProviderName; attempts: number }
  | { ok: false; kind: ErrorKind; message: string; retryAfterS?: number; attempts: number };

/** What the policy works with: the providers in fallback order, a breaker for each, their Retry-After, the retry budget. */
export interface PolicyContext {
  providers: Provider[];
  breakers: Map<ProviderName, Breaker>;
  gate: RetryAfterGate;
  /** Undefined under --fragile=retry-storm. */
  budget: RetryBudget | undefined;
  opts: GatewayOptions;
  metrics: GatewayMetrics;
}

// A provider's 4xx to the client's request: final, and neither a failure nor a success for the
// breaker, so it leaves the cockatiel policies as an error that none of them handles.
class PassThrough extends Error {
  constructor(readonly answer: JsonAnswer) {
    super("client error passed through");
  }
}

// How many times the configured retries a storm makes (--fragile=retry-storm).
const STORM_RETRY_FACTOR = 5;

/**
 * Per provider in fallback order, cockatiel's wrap(deadline timeout, retry with jittered backoff,
 * circuit breaker, attempt timeout); the deadline counts from `startedAt`. A provider whose
 * Retry-After has not passed is skipped like one whose breaker is open. Retries at the same
 * provider spend the retry budget; the first attempt at a later provider is charged to it. While a
 * later provider is still available the earlier ones stop min(attempt-timeout, deadline/2) early,
 * so that a stalled primary cannot eat the fallback's budget.
 */
export async function runPolicy(ctx: PolicyContext, attempt: AttemptFn, startedAt: number, signal: AbortSignal, log: GatewayLogger): Promise<PolicyOutcome> {
  const { opts, metrics, budget } = ctx;
  const fragile = opts.fragility;
  const deadlineAt = fragile.has("timeouts") ? Infinity : startedAt + opts.deadlineMs;
  const attemptCap = fragile.has("timeouts") ? Infinity : opts.attemptTimeoutMs;
  // --fragile=retry-storm, the classic storm: a retry loop wrapped around the breaker instead of
  // inside it, immediate, unbudgeted and five times as long. The breaker then sees one outcome per
  // request, so an opening breaker no longer stops the retries already under way.
  const storm = fragile.has("retry-storm");
  const retries = fragile.has("retries") ? 0 : storm ? STORM_RETRY_FACTOR * opts.retries : opts.retries;
  const backoffBaseMs = storm ? 0 : opts.backoffBaseMs;
  budget?.deposit();
  let attempts = 0;
  let last: AttemptFailure | undefined;
  const skips: AttemptFailure[] = [];
  let why = "";
  const tried: ProviderName[] = [];
  const available = (p: Provider): boolean => ctx.breakers.get(p.name)?.state !== "open" && ctx.gate.limit(p.name).waitMs === 0;

  for (const [index, provider] of ctx.providers.entries()) {
    const name = provider.name;
    if (index > 0) {
      const from = ctx.providers[index - 1]?.name ?? "none";
      metrics.fallbacks.inc({ from, to: name });
      log.warn({ event: "fallback", from, to: name, reason: why });
    }
    tried.push(name);
    const limit = ctx.gate.limit(name);
    if (limit.waitMs > 0) {
      why = `${name} asked for no requests for ${limit.waitMs} ms more (Retry-After)`;
      skips.push(new AttemptFailure("rate-limited", why, false, limit.status, limit.waitMs));
      continue;
    }
    const laterAvailable = ctx.providers.slice(index + 1).some(available);
    const reserve = Number.isFinite(deadlineAt) && laterAvailable ? Math.min(attemptCap, opts.deadlineMs / 2) : 0;
    const providerDeadline = deadlineAt - reserve;
    const budgetMs = providerDeadline - Date.now();
    if (budgetMs <= 0) continue;
    let tries = 0;
    // Retry only if even the longest wait the backoff may pick (Retry-After included) ends before this
    // provider's deadline, and the retry budget has a token: otherwise give the provider up at once.
    const worthRetrying = (err: Error): boolean => {
      if (signal.aborted || !(err instanceof AttemptFailure) || !err.retryable || tries > retries) return false;
      const waitMs = longestWaitMs(tries - 1, backoffBaseMs, err.retryAfterMs);
      if (Date.now() + waitMs >= providerDeadline) {
        log.info({ event: "retry_skipped", provider: name, reason: "deadline", waitMs: Math.round(waitMs), msg: "wait would pass the deadline" });
        return false;
      }
      if (budget && !budget.tryRetry()) {
        metrics.retriesDenied.inc({ provider: name });
        log.info({ event: "retry_skipped", provider: name, reason: "budget", msg: "the retry budget is spent" });
        return false;
      }
      return true;
    };
    const retrying = retries > 0 ? retry(handleWhen(worthRetrying), { maxAttempts: retries, backoff: retryBackoff(backoffBaseMs) }) : undefined;
    retrying?.onRetry(({ delay }) => log.info({ event: "retry", provider: name, attempt: attempts + 1, waitMs: Math.round(delay), retryAfterMs: last?.retryAfterMs }));
    // Cooperative timeouts abort the signal handed to undici, so the request is really cut and the
    // attempt itself fails as "timeout" (counted by the breaker). noop = mechanism switched off.
    // abortOnReturn false: an attempt that returned has nothing left to cancel (a started stream is
    // the relay's to abort), and cockatiel's abort on every return cost an AbortError per request.
    const breaker = ctx.breakers.get(name) ?? noop;
    const policy = wrap<IPolicy, IPolicy, IPolicy, IPolicy>(
      Number.isFinite(budgetMs) ? timeout(budgetMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false }) : noop,
      storm ? breaker : (retrying ?? noop),
      storm ? (retrying ?? noop) : breaker,
      Number.isFinite(attemptCap) ? timeout(attemptCap, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false }) : noop,
    );
    const once = async (attemptSignal: AbortSignal): Promise<AttemptAnswer> => {
      if (signal.aborted) throw new ClientGoneError("client closed the request");
      if (tries > 0) metrics.retries.inc({ provider: name });
      else if (attempts > 0) budget?.chargeFallback();
      tries += 1;
      attempts += 1;
      let answer: AttemptAnswer;
      try {
        answer = await attempt(provider, attemptSignal);
      } catch (err) {
        if (signal.aborted) throw new ClientGoneError("client closed the request");
        if (!(err instanceof AttemptFailure)) throw err;
        last = err;
        why = err.message;
        ctx.gate.note(name, err);
        metrics.attempts.inc({ provider: name, outcome: err.reason });
        log[err.reason === "timeout" ? "warn" : "info"]({ event: err.reason === "timeout" ? "timeout" : "attempt_failed", provider: name, attempt: attempts, reason: err.reason, status: err.status, msg: err.message });
        throw err;
      }
      metrics.attempts.inc({ provider: name, outcome: "ok" });
      if (answer.kind === "json" && answer.status >= 400) throw new PassThrough(answer);
      return answer;
    };
    try {
      return { ok: true, answer: await policy.execute((c) => once(c.signal), signal), provider: name, attempts };
    } catch (err) {
      if (err instanceof PassThrough) return { ok: true, answer: err.answer, provider: name, attempts };
      if (!(err instanceof AttemptFailure)) throw err;
      if (err.reason === "breaker-open") {
        skips.push(err);
        why = err.message;
      }
    }
  }
  return failure(ctx, last, skips, attempts, tried);
}

// The answer when no provider answered. Every provider skipped without an attempt: 429 when one
// asked to wait (Retry-After), else 503 (breakers open), with the soonest time a provider takes
// requests again. Otherwise the last attempt's failure decides: timeout → 504, rate limited → 429
// (Retry-After: the soonest of the providers'), anything else → 502.
function failure(ctx: PolicyContext, last: AttemptFailure | undefined, skips: AttemptFailure[], attempts: number, tried: ProviderName[]): PolicyOutcome {
  const who = tried.join(", ");
  const soonestS = (waits: Array<number | undefined>): number => Math.min(...waits.map((w) => w ?? 1000)) / 1000;
  if (!last && skips.length > 0) {
    const retryAfterS = soonestS(skips.map((s) => s.retryAfterMs));
    if (skips.some((s) => s.reason === "rate-limited" && s.status === 429)) {
      return { ok: false, kind: "rate_limited", message: `every provider is rate limited (${skips.map((s) => s.message).join("; ")})`, retryAfterS, attempts };
    }
    return { ok: false, kind: "providers_unavailable", message: `all providers are unavailable (${skips.map((s) => s.message).join("; ")})`, retryAfterS, attempts };
  }
  if (!last || last.reason === "timeout") {
    return { ok: false, kind: "timeout", message: `no provider answered within the deadline (tried ${who})${last ? `: ${last.message}` : ""}`, attempts };
  }
  if (last.status === 429) {
    const limits = ctx.providers.map((p) => ctx.gate.limit(p.name).waitMs).filter((ms) => ms > 0);
    return { ok: false, kind: "rate_limited", message: `providers are rate limiting (tried ${who}): ${last.message}`, retryAfterS: soonestS(limits.length > 0 ? limits : [last.retryAfterMs]), attempts };
  }
  return { ok: false, kind: "provider_error", message: `providers failed (tried ${who}): ${last.message}`, attempts };
}
