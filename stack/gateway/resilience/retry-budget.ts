/**
 * The retry budget of one worker: Finagle's RetryBudget, a token bucket that every client request
 * fills by `ratio` tokens (up to `burst`) and every extra upstream attempt empties by one. A retry
 * at the same provider needs a whole token and is not made without one. A fallback to the next
 * provider is charged too but never refused: it is bounded by the number of providers and is what
 * hides a failing primary; its debt pauses retries until requests have paid it back.
 *
 * Retries are therefore paid only from what requests deposited: for n requests, retries ≤
 * burst + ratio·n − the fallbacks charged before the last retry. Upstream attempts per request stay
 * under 1 + ratio + burst/n while fewer than `ratio` of the requests need the fallback, and under
 * 2 + burst/n whatever fails (ratio ≤ 1). A rate-based bucket rather than Envoy's budget (retries in
 * flight below a share of the requests in flight, with a minimum concurrency): at the local stack's
 * smoke load a pod has about one request in flight, under which any minimum concurrency admits
 * every retry, so Envoy's budget would bound nothing there.
 */
export class RetryBudget {
  #balance: number;

  /** `ratio`: tokens per request, 0..1; `burst`: the most tokens saved up, what a quiet pod may spend at once. */
  constructor(
    private readonly ratio: number,
    private readonly burst: number,
  ) {
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`retry budget ratio ${ratio}: expected a number from 0 to 1`);
    if (!(burst >= 1)) throw new Error(`retry budget burst ${burst}: expected a number of tokens, at least 1`);
    this.#balance = burst;
  }

  /** Tokens left (negative: the debt of fallbacks). */
  get balance(): number {
    return this.#balance;
  }

  /** A client request arrived: `ratio` more tokens, up to `burst`. */
  deposit(): void {
    this.#balance = Math.min(this.burst, this.#balance + this.ratio);
  }

  /** A retry at the same provider: true and one token spent while a whole token is left, else false. */
  tryRetry(): boolean {
    if (this.#balance < 1) return false;
    this.#balance -= 1;
    return true;
  }

  /** A fallback attempt: one token, never refused. */
  chargeFallback(): void {
    this.#balance -= 1;
  }
}
