/** Circuit breaker states, as logged and exported. */
export type BreakerState = "closed" | "open" | "half-open";

/** Answer to "may I call this provider now?". */
export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A per-provider circuit breaker: `threshold` consecutive failed attempts open it; after `cooldownMs`
 * one probe is let through (half-open) while every other caller is turned away at once, so that
 * nobody waits on a dead provider. Written here rather than taken from cockatiel because cockatiel's
 * half-open state makes concurrent callers wait for the probe, which is exactly the waiting the
 * breaker exists to avoid.
 */
export class Breaker {
  #state: BreakerState = "closed";
  #failures = 0;
  #openedAt = 0;
  #probing = false;

  constructor(
    readonly name: string,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly onTransition: (name: string, from: BreakerState, to: BreakerState) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current state. */
  get state(): BreakerState {
    return this.#state;
  }

  /** Asks to make one attempt; every admitted attempt must end in success(), failure() or release(). */
  admit(): Admission {
    if (this.#state === "closed") return { ok: true };
    const waited = this.now() - this.#openedAt;
    if (this.#state === "open" && waited >= this.cooldownMs) {
      this.#move("half-open");
      this.#probing = true;
      return { ok: true };
    }
    if (this.#state === "half-open" && !this.#probing) {
      this.#probing = true;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.max(this.cooldownMs - waited, 0) };
  }

  /** The admitted attempt worked: closes a half-open breaker and clears the failure streak. */
  success(): void {
    this.#failures = 0;
    this.#probing = false;
    if (this.#state !== "closed") this.#move("closed");
  }

  /** The admitted attempt failed: counts toward opening, or re-opens a half-open breaker. */
  failure(): void {
    this.#failures += 1;
    this.#probing = false;
    if (this.#state === "half-open" || (this.#state === "closed" && this.#failures >= this.threshold)) {
      this.#openedAt = this.now();
      this.#move("open");
    }
  }

  /** The admitted attempt says nothing about the provider's health (client left, client error). */
  release(): void {
    this.#probing = false;
  }

  #move(to: BreakerState): void {
    const from = this.#state;
    this.#state = to;
    this.onTransition(this.name, from, to);
  }
}
