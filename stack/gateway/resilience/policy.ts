import { setTimeout as sleep } from "node:timers/promises";
import type { ErrorKind } from "../errors.ts";
import type { GatewayLogger } from "../logger.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { GatewayOptions } from "../options.ts";
import type { Provider, ProviderName } from "../providers.ts";
import { AttemptFailure, ClientGoneError, type AttemptAnswer } from "./attempt.ts";
import { backoffMs } from "./backoff.ts";
import type { Breaker } from "./breaker.ts";

/** One upstream attempt, as the policy drives it: the provider and the ms it may take. */
export type AttemptFn = (provider: Provider, timeoutMs: number) => Promise<AttemptAnswer>;

/** The policy's verdict: an answer (with who gave it and after how many attempts) or an error answer. */
export type PolicyOutcome =
  | { ok: true; answer: AttemptAnswer; provider: ProviderName; attempts: number }
  | { ok: false; kind: ErrorKind; message: string; retryAfterS?: number; attempts: number };

/** What the policy works with: the providers in fallback order and a breaker for each. */
export interface PolicyContext {
  providers: Provider[];
  breakers: Map<ProviderName, Breaker>;
  opts: GatewayOptions;
  metrics: GatewayMetrics;
}

/**
 * Retries with jittered backoff, then falls back to the next provider, all within one deadline
 * counted from `startedAt`. While a later provider is still available the earlier ones stop one
 * attempt-timeout before the deadline, so that a stalled primary cannot eat the fallback's budget.
 */
export async function runPolicy(ctx: PolicyContext, attempt: AttemptFn, startedAt: number, signal: AbortSignal, log: GatewayLogger): Promise<PolicyOutcome> {
  const { opts, metrics } = ctx;
  const fragile = opts.fragility;
  const deadlineAt = fragile.has("timeouts") ? Infinity : startedAt + opts.deadlineMs;
  const attemptCap = fragile.has("timeouts") ? Infinity : opts.attemptTimeoutMs;
  const retries = fragile.has("retries") ? 0 : opts.retries;
  let attempts = 0;
  let last: AttemptFailure | undefined;
  let skipped: AttemptFailure | undefined;
  let why = "";
  const tried: ProviderName[] = [];

  for (const [index, provider] of ctx.providers.entries()) {
    const breaker = ctx.breakers.get(provider.name);
    if (index > 0) {
      const from = ctx.providers[index - 1]?.name ?? "none";
      metrics.fallbacks.inc({ from, to: provider.name });
      log.warn({ event: "fallback", from, to: provider.name, reason: why });
    }
    const laterAvailable = ctx.providers.slice(index + 1).some((p) => ctx.breakers.get(p.name)?.state !== "open");
    const reserve = Number.isFinite(deadlineAt) && laterAvailable ? Math.min(attemptCap, opts.deadlineMs / 2) : 0;
    const providerDeadline = deadlineAt - reserve;
    tried.push(provider.name);
    for (let retry = 0; retry <= retries; retry++) {
      const admission = breaker ? breaker.admit() : ({ ok: true } as const);
      if (!admission.ok) {
        skipped = new AttemptFailure("breaker-open", `${provider.name} circuit breaker is open`, false, undefined, admission.retryAfterMs);
        why = skipped.message;
        break;
      }
      const timeoutMs = Math.min(attemptCap, providerDeadline - Date.now());
      if (timeoutMs <= 0) {
        breaker?.release();
        break;
      }
      attempts += 1;
      if (retry > 0) metrics.retries.inc({ provider: provider.name });
      try {
        const answer = await attempt(provider, timeoutMs);
        if (answer.kind === "json" && answer.status >= 400) breaker?.release();
        else breaker?.success();
        metrics.attempts.inc({ provider: provider.name, outcome: "ok" });
        return { ok: true, answer, provider: provider.name, attempts };
      } catch (err) {
        if (err instanceof ClientGoneError || !(err instanceof AttemptFailure)) {
          breaker?.release();
          throw err;
        }
        breaker?.failure();
        last = err;
        why = err.message;
        metrics.attempts.inc({ provider: provider.name, outcome: err.reason });
        log[err.reason === "timeout" ? "warn" : "info"]({ event: err.reason === "timeout" ? "timeout" : "attempt_failed", provider: provider.name, attempt: attempts, reason: err.reason, status: err.status, msg: err.message });
      }
      if (!last.retryable || retry === retries) break;
      const waitMs = Math.max(backoffMs(retry, opts.backoffBaseMs), last.retryAfterMs ?? 0);
      if (Date.now() + waitMs >= providerDeadline) {
        log.info({ event: "retry_skipped", provider: provider.name, waitMs: Math.round(waitMs), msg: "wait would pass the deadline" });
        break;
      }
      log.info({ event: "retry", provider: provider.name, attempt: attempts + 1, waitMs: Math.round(waitMs), retryAfterMs: last.retryAfterMs });
      await sleep(waitMs, undefined, { signal }).catch(() => {
        throw new ClientGoneError("client closed the request");
      });
    }
  }
  return failure(last, skipped, attempts, tried);
}

// The answer when no provider answered: breakers open before any attempt → 503; otherwise the
// last attempt's failure decides (timeout → 504, rate limited → 429, anything else → 502).
function failure(last: AttemptFailure | undefined, skipped: AttemptFailure | undefined, attempts: number, tried: ProviderName[]): PolicyOutcome {
  const who = tried.join(", ");
  if (!last && skipped) {
    return { ok: false, kind: "providers_unavailable", message: `all providers are unavailable (circuit open: ${who})`, retryAfterS: (skipped.retryAfterMs ?? 1000) / 1000, attempts };
  }
  if (!last || last.reason === "timeout") {
    return { ok: false, kind: "timeout", message: `no provider answered within the deadline (tried ${who})${last ? `: ${last.message}` : ""}`, attempts };
  }
  if (last.status === 429) {
    return { ok: false, kind: "rate_limited", message: `providers are rate limiting (tried ${who}): ${last.message}`, retryAfterS: (last.retryAfterMs ?? 1000) / 1000, attempts };
  }
  return { ok: false, kind: "provider_error", message: `providers failed (tried ${who}): ${last.message}`, attempts };
}
