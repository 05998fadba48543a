import type { Sample } from "./types.ts";

/** A sample listener. */
export type Listener = (s: Sample) => void;

/**
 * Who hears the registry's samples: listeners of every sample, and listeners of some metrics
 * only, so that samples of other metrics cost no Sample object. Each metric's list is one live
 * array, which the registry's entry keeps to skip a name lookup per sample.
 */
export class SampleListeners {
  /** Listeners of every sample. */
  readonly all: Listener[] = [];
  private readonly byMetric = new Map<string, Listener[]>();

  /** The live listener list of metric `name` (created empty on first use). */
  of(name: string): Listener[] {
    return this.byMetric.get(name) ?? this.byMetric.set(name, []).get(name)!;
  }

  /** Subscribes to every sample, or to those of `metrics`; returns the unsubscribe function. */
  subscribe(listener: Listener, metrics?: readonly string[]): () => void {
    const lists = metrics ? metrics.map((m) => this.of(m)) : [this.all];
    for (const list of lists) list.push(listener);
    return () => {
      for (const list of lists) {
        const at = list.indexOf(listener);
        if (at !== -1) list.splice(at, 1);
      }
    };
  }
}
