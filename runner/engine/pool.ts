import type { VU } from "../vu/vu.ts";

/**
 * The shared VU pool: VUs are initialized up front (k6 initializes the planned maximum before
 * the test starts), lent to scenarios, and returned when a scenario's loop ends.
 */
export class VuPool {
  private readonly idle: VU[] = [];
  readonly all: VU[] = [];
  private nextId = 1;
  active = 0;

  constructor(private readonly create: (id: number) => VU) {}

  /** Initializes VUs until `n` exist (ids ascending from 1). */
  prefill(n: number): void {
    const fresh: VU[] = [];
    while (this.all.length < n) fresh.push(this.make());
    this.idle.push(...fresh.reverse());
  }

  /** Number of initialized VUs (`vus_max`). */
  get initialized(): number {
    return this.all.length;
  }

  /**
   * An idle VU, lowest id first; initializes a new one when none is idle. `active`: it counts in
   * `vus` from now on (k6's GetPlannedVU(…, true)); arrival-rate VUs count only while busy.
   */
  acquire(active: boolean): VU {
    const vu = this.idle.pop() ?? this.make();
    if (active) this.active++;
    return vu;
  }

  /** Returns a VU to the pool; `active` as it was acquired (k6's ReturnVU(vu, wasActive)). */
  release(vu: VU, active: boolean): void {
    if (active) this.active--;
    this.idle.push(vu);
  }

  private make(): VU {
    const vu = this.create(this.nextId++);
    this.all.push(vu);
    return vu;
  }
}
