// Threshold plumbing shared by the builders: submetric keys and composition. k6 keeps only the
// last of two equal keys in an object literal, so sets are merged key by key, never spread.
import type { Threshold } from "k6/options";

/** A k6 `thresholds` object. */
export type Thresholds = Record<string, Threshold[]>;

/** `metric{k:v,...}` with tags in the order given; a metric alone when there are none. */
export function submetric(metric: string, tags: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries(tags).map(([key, value]) => `${key}:${value}`);
  return pairs.length === 0 ? metric : `${metric}{${pairs.join(",")}}`;
}

/** Merges threshold sets: expressions for one key are concatenated, exact duplicates dropped. */
export function compose(...sets: readonly Thresholds[]): Thresholds {
  const merged: Thresholds = {};
  for (const set of sets) {
    for (const [key, list] of Object.entries(set)) {
      const into = (merged[key] ??= []);
      for (const item of list) {
        const text = JSON.stringify(item);
        if (!into.some((existing) => JSON.stringify(existing) === text)) into.push(item);
      }
    }
  }
  return merged;
}
