// In-flight figures of a level, from samples taken while it ran: the providers' /stats `active`
// (generations in progress, the exact count of concurrent streams) and the gateway's
// `ai_gateway_inflight` gauge, which each worker ("pod") reports for itself on /metrics.

/**
 * One sample: time (ms), streams active at the providers, Σ of the pods' last gauges, CPU s per
 * pid, and CPU s the whole machine has been busy (neighbours included).
 */
export interface Sample { t: number; active: number; gateway: number; cpu: number[]; machine: number }

/** `ai_gateway_inflight` per pod from a worker's Prometheus text (each worker labels its series `pod`). */
export function inflightByPod(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^ai_gateway_inflight\{[^}]*pod="([^"]+)"[^}]*\}\s+(\S+)$/gm)) {
    const n = Number(m[2]);
    if (Number.isFinite(n)) out.set(m[1]!, n);
  }
  return out;
}

/**
 * The loaded part of a run: from the first to the last sample with at least half the level in
 * flight, so that VU start-up before and the drain after do not dilute its figures. Null when
 * the level was never half reached.
 */
export function loadedWindow(samples: readonly Sample[], level: number): { from: number; to: number } | null {
  const loaded = samples.map((s, i) => (s.active >= level / 2 ? i : -1)).filter((i) => i >= 0);
  if (loaded.length < 2) return null;
  return { from: loaded[0]!, to: loaded[loaded.length - 1]! };
}

/** Figures over the loaded window: in flight (median, max), CPU cores per pid and machine-wide (CPU s per wall s). */
export interface WindowFigures { seconds: number; activeMedian: number; activeMax: number; gatewayMedian: number; cores: number[]; machineCores: number }

/** Summarises `samples` over loadedWindow(); null when the level was never half reached. */
export function windowFigures(samples: readonly Sample[], level: number): WindowFigures | null {
  const w = loadedWindow(samples, level);
  if (!w) return null;
  const inside = samples.slice(w.from, w.to + 1);
  const a = samples[w.from]!, b = samples[w.to]!;
  const seconds = (b.t - a.t) / 1000;
  return {
    seconds,
    activeMedian: median(inside.map((s) => s.active)),
    activeMax: Math.max(...inside.map((s) => s.active)),
    gatewayMedian: median(inside.map((s) => s.gateway)),
    cores: b.cpu.map((c, i) => (c - a.cpu[i]!) / seconds),
    machineCores: (b.machine - a.machine) / seconds,
  };
}

/** Median of a non-empty list (the upper one of an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}
