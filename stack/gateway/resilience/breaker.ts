import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy, type IDefaultPolicyContext, type IPolicy } from "cockatiel";
import { AttemptFailure, ClientGoneError } from "./attempt.ts";

/** Circuit breaker states, as logged and exported. */
export type BreakerState = "closed" | "open" | "half-open";

/** A probe whose client left: it proved nothing, so it counts as a failed probe (see execute). */
class AbandonedProbe extends Error {
  constructor(readonly inner: ClientGoneError) {
    super(inner.message);
  }
}

/** Past the cooldown before the health probe runs, so cockatiel's own clock agrees it is due (ms). */
const PROBE_MARGIN_MS = 5;

/**
 * A provider's circuit breaker: cockatiel's `circuitBreaker` with a `ConsecutiveBreaker(threshold)`
 * and `halfOpenAfter: cooldownMs`, counting AttemptFailures only (a client error passed through
 * or a client that left says nothing about the provider). An IPolicy, so it composes with `wrap`.
 *
 * With a `healthProbe`, an open breaker checks its provider itself once the cooldown is over
 * (Envoy's active health checking of ejected hosts): cockatiel only half-opens on a call, so the
 * breaker of a provider nobody calls (the fallback, once the primary is back) would stay open
 * for good, and the next failover's burst would meet one probe and refusals for everyone else.
 */
export class Breaker implements IPolicy {
  declare readonly _altReturn: never;
  readonly #policy: CircuitBreakerPolicy;
  #state: BreakerState = "closed";
  #openedAt = 0;
  #probeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    threshold: number,
    private readonly cooldownMs: number,
    onTransition: (name: string, from: BreakerState, to: BreakerState) => void,
    private readonly healthProbe?: () => Promise<unknown>,
  ) {
    const isFailure = (err: Error): boolean => err instanceof AttemptFailure || err instanceof AbandonedProbe;
    this.#policy = circuitBreaker(handleWhen(isFailure), { halfOpenAfter: cooldownMs, breaker: new ConsecutiveBreaker(threshold) });
    const move = (to: BreakerState): void => {
      const from = this.#state;
      this.#state = to;
      onTransition(name, from, to);
    };
    this.#policy.onBreak(() => {
      this.#openedAt = Date.now();
      move("open");
      this.#scheduleProbe(cooldownMs + PROBE_MARGIN_MS);
    });
    this.#policy.onHalfOpen(() => move("half-open"));
    this.#policy.onReset(() => move("closed"));
  }

  /** The current state. */
  get state(): BreakerState {
    return this.#state;
  }

  /** cockatiel's event: a call went through and was not counted as a failure. */
  get onSuccess(): IPolicy["onSuccess"] {
    return this.#policy.onSuccess;
  }

  /** cockatiel's event: a call failed. */
  get onFailure(): IPolicy["onFailure"] {
    return this.#policy.onFailure;
  }

  /**
   * Runs `fn` through the breaker; throws AttemptFailure "breaker-open" (with the ms to the next
   * probe) when the provider must be skipped.
   */
  async execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    // cockatiel's HalfOpen makes every other caller await the probe (CircuitBreakerPolicy.execute),
    // i.e. wait on a provider that may be dead; the point of the breaker is that nobody waits, so
    // while the one probe runs everyone else is turned away at once.
    if (this.#policy.state === CircuitState.HalfOpen) throw this.#refusal();
    // Whoever finds an Open circuit past its cooldown becomes the probe. cockatiel closes the circuit
    // on a probe's unhandled error; a client leaving mid-probe must re-open it instead of admitting all.
    const probe = this.#policy.state === CircuitState.Open;
    const run = !probe
      ? fn
      : async (ctx: IDefaultPolicyContext): Promise<T> => {
          try {
            return await fn(ctx);
          } catch (err) {
            throw err instanceof ClientGoneError ? new AbandonedProbe(err) : err;
          }
        };
    try {
      return await this.#policy.execute(run, signal);
    } catch (err) {
      if (err instanceof BrokenCircuitError) throw this.#refusal();
      throw err instanceof AbandonedProbe ? err.inner : err;
    }
  }

  /** Cancels a pending health probe (the gateway is closing). */
  dispose(): void {
    clearTimeout(this.#probeTimer);
  }

  #scheduleProbe(delayMs: number): void {
    if (!this.healthProbe) return;
    clearTimeout(this.#probeTimer);
    this.#probeTimer = setTimeout(() => void this.#probe(), delayMs).unref();
  }

  // Runs the health probe as the half-open call, unless a request got there first. A failed probe
  // re-opens the circuit (onBreak schedules the next one); one refused as early tries again.
  async #probe(): Promise<void> {
    const probe = this.healthProbe;
    if (!probe || this.#policy.state !== CircuitState.Open) return;
    try {
      await this.execute(() => probe());
    } catch (err) {
      const early = err instanceof AttemptFailure && err.reason === "breaker-open" && this.#policy.state === CircuitState.Open;
      if (early) this.#scheduleProbe((err.retryAfterMs ?? 0) + PROBE_MARGIN_MS);
    }
  }

  #refusal(): AttemptFailure {
    const retryAfterMs = Math.max(this.cooldownMs - (Date.now() - this.#openedAt), 0);
    return new AttemptFailure("breaker-open", `${this.name} circuit breaker is open`, false, undefined, retryAfterMs);
  }
}
