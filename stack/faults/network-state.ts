// The effective network condition of a link, folded from its active network faults: faults of
// different actions combine (latency + bandwidth + reset), and several of one action stack
// (latencies add, the lowest rate wins). Connections read it on every chunk, so it is
// recomputed once per change, never per chunk.
import type { NetworkSpec } from "./kinds/network.ts";

/** One active network fault on a link. */
export interface ActiveNetworkFault { id: string; spec: NetworkSpec }

/** A reset fault as connections see it. */
export interface ResetRule { id: string; probability: number; afterBytes: number | null }

/** What every connection of a link does right now. */
export interface NetworkState {
  /** No data flows either way; new connections are accepted but never read (see README). */
  drop: boolean;
  /** Data is read and discarded; nothing is answered. */
  blackhole: boolean;
  /** Latency faults, each adding latency ± jitter milliseconds to every chunk, both ways. */
  latencies: { latencyMs: number; jitterMs: number }[];
  /** Downstream cap in bytes per second, or null. */
  rate: number | null;
  /** Active reset faults. */
  resets: ResetRule[];
}

/** The state of a link with no network fault. */
export const IDLE: NetworkState = { drop: false, blackhole: false, latencies: [], rate: null, resets: [] };

/** Folds the active faults into one state. */
export function foldNetworkFaults(faults: readonly ActiveNetworkFault[]): NetworkState {
  if (faults.length === 0) return IDLE;
  const state: NetworkState = { drop: false, blackhole: false, latencies: [], rate: null, resets: [] };
  for (const { id, spec } of faults) {
    if (spec.action === "drop") state.drop = true;
    else if (spec.action === "blackhole") state.blackhole = true;
    else if (spec.action === "latency") state.latencies.push({ latencyMs: spec.latencyMs, jitterMs: spec.jitterMs });
    else if (spec.action === "bandwidth") state.rate = Math.min(state.rate ?? Infinity, spec.rate);
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
