import type { Gauge } from "prom-client";

/**
 * Bounded concurrency per worker: beyond `max` requests in flight, new ones are refused at once
 * (the caller answers 429) rather than queued. `max = Infinity` (--fragile=shedding) admits all.
 */
export class InflightLimiter {
  #count = 0;

  constructor(
    private readonly max: number,
    private readonly gauge: Gauge,
  ) {}

  /** Requests in flight now. */
  get count(): number {
    return this.#count;
  }

  /** Admits one request (true) or refuses it (false); every admitted request must leave() once. */
  tryEnter(): boolean {
    if (this.#count >= this.max) return false;
    this.#count += 1;
    this.gauge.set(this.#count);
    return true;
  }

  /** Marks one admitted request as finished. */
  leave(): void {
    this.#count -= 1;
    this.gauge.set(this.#count);
  }
}
