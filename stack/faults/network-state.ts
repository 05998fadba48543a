// The effective network condition of a link, folded from its active network faults: faults of
// different actions combine (latency + bandwidth + reset), and several of one action stack
// (latencies add, the lowest rate wins). Connections read it on every chunk, so it is
// recomputed once per change, never per chunk. Each part keeps its faults' ids, so a connection
// can count what each fault affected.
import type { NetworkSpec } from "./kinds/network.ts";

/** One active network fault on a link. */
export interface ActiveNetworkFault { id: string; spec: NetworkSpec }

/** A reset fault as connections see it. */
export interface ResetRule { id: string; probability: number; afterBytes: number | null }

/** What every connection of a link does right now. */
export interface NetworkState {
  /** Drop faults: while any is active no data flows either way; it is held (see README). */
  drops: string[];
  /** Blackhole faults: data is read and discarded; nothing is answered. */
  blackholes: string[];
  /** Latency faults, each adding latency ± jitter milliseconds to every chunk, both ways. */
  latencies: { id: string; latencyMs: number; jitterMs: number }[];
  /** The lowest downstream cap, bytes per second, and its fault; or null. */
  rate: { id: string; bytesPerSecond: number } | null;
  /** Active reset faults. */
  resets: ResetRule[];
}

/** The state of a link with no network fault. */
export const IDLE: NetworkState = { drops: [], blackholes: [], latencies: [], rate: null, resets: [] };

/** Folds the active faults into one state. */
export function foldNetworkFaults(faults: readonly ActiveNetworkFault[]): NetworkState {
  if (faults.length === 0) return IDLE;
  const state: NetworkState = { drops: [], blackholes: [], latencies: [], rate: null, resets: [] };
  for (const { id, spec } of faults) {
    if (spec.action === "drop") state.drops.push(id);
    else if (spec.action === "blackhole") state.blackholes.push(id);
    else if (spec.action === "latency") state.latencies.push({ id, latencyMs: spec.latencyMs, jitterMs: spec.jitterMs });
    else if (spec.action === "bandwidth") state.rate = spec.rate < (state.rate?.bytesPerSecond ?? Infinity) ? { id, bytesPerSecond: spec.rate } : state.rate;
    else state.resets.push({ id, probability: spec.probability, afterBytes: spec.afterBytes });
  }
  return state;
}

/** Milliseconds to add to the next chunk: the sum of every latency ± a uniform jitter, never negative. */
export function sampleLatency(state: NetworkState): number {
  let ms = 0;
  for (const { latencyMs, jitterMs } of state.latencies) ms += Math.max(0, latencyMs + (Math.random() * 2 - 1) * jitterMs);
  return ms;
}

// Numbers each request (and each connection, for non-HTTP traffic), so a fault counts it once.
let requestSequence = 0;

/**
 * What the network faults do to one connection, and what each of them counts as affected: once
 * per request (per connection, for non-HTTP traffic). Each request rolls each reset rule afresh:
 * rolled once per connection, a keep-alive pool would soon hold only connections that were
 * spared, and `probability` would stop meaning a share of the traffic.
 */
export class ConnectionFaults {
  private request = ++requestSequence;
  private readonly counted = new Map<string, number>();
  private readonly plans = new Map<string, { chosen: boolean; remaining: number | null }>();

  constructor(private readonly affected: (id: string) => void) {}

  /** A new request starts on the connection. */
  newRequest(): void {
    this.request = ++requestSequence;
    this.plans.clear();
  }

  /** A blackhole swallows this request's bytes. */
  swallowed(state: NetworkState): void {
    for (const id of state.blackholes) this.count(id);
  }

  /** A chunk of this request passes the drop, latency and (downstream) bandwidth faults. */
  shaped(state: NetworkState, downstream: boolean): void {
    for (const id of state.drops) this.count(id);
    for (const latency of state.latencies) this.count(latency.id);
    if (downstream && state.rate !== null) this.count(state.rate.id);
  }

  /** Rolls the reset rules not rolled yet for this request; true when one resets it now (chosen, no afterBytes). */
  resetsNow(state: NetworkState): boolean {
    for (const rule of state.resets) {
      if (this.plans.has(rule.id)) continue;
      const plan = { chosen: Math.random() < rule.probability, remaining: rule.afterBytes };
      this.plans.set(rule.id, plan);
      if (plan.chosen && plan.remaining === null) {
        this.count(rule.id);
        return true;
      }
    }
    return false;
  }

  /** Of a downstream chunk of `length` bytes, how many may pass before a chosen afterBytes reset cuts; null when all may. */
  cutAfter(state: NetworkState, length: number): number | null {
    let allowed = Infinity;
    let id: string | null = null;
    for (const rule of state.resets) {
      const plan = this.plans.get(rule.id);
      if (!plan?.chosen || plan.remaining === null) continue;
      if (length < plan.remaining) plan.remaining -= length;
      else if (plan.remaining < allowed) [allowed, id] = [plan.remaining, rule.id];
    }
    if (id === null) return null;
    this.count(id);
    return allowed;
  }

  // --- internal ---

  private count(id: string): void {
    if (this.counted.get(id) === this.request) return;
    this.counted.set(id, this.request);
    this.affected(id);
  }
}
