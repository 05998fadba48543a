// The metric registry's internals: its record of each metric and submetric, and who hears samples.
import { submetricTags, tagsKey } from "./names.ts";
import { createSink, type AnySink } from "./sinks.ts";
import type { MetricInfo, Sample, Tags } from "./types.ts";

/** The registry's record of one metric or submetric. */
export interface Entry {
  info: MetricInfo;
  sink: AnySink;
  /** Set on submetrics: the tag filter a sample must contain. */
  filter?: { suffix: string; tags: Tags; key: string };
  submetrics: Entry[];
  /** Set once the metric is in the registry's observed names (saves a Set insert per sample). */
  observed: boolean;
  /** Listeners of this metric only (the same array the registry keeps by name). */
  listeners: Listener[];
  /** Frozen tag set → the submetrics it matches; a VU reuses its tag sets across samples. */
  matches?: WeakMap<Tags, Entry[]>;
}

/** A sample's tags contain every key:value of the filter (k6's TagSet.Contains). */
function matches(tags: Tags, filter: Tags): boolean {
  for (const key in filter) if (!Object.hasOwn(tags, key) || tags[key] !== filter[key]) return false;
  return true;
}

/** The submetrics of `entry` whose filter `tags` matches; cached per frozen (so unchanging) tag set. */
export function matchingSubmetrics(entry: Entry, tags: Tags): Entry[] {
  const frozen = Object.isFrozen(tags);
  const hit = frozen ? entry.matches?.get(tags) : undefined;
  if (hit) return hit;
  const found = entry.submetrics.filter((sub) => sub.filter !== undefined && matches(tags, sub.filter.tags));
  if (frozen) (entry.matches ??= new WeakMap()).set(tags, found);
  return found;
}

/**
 * The submetric `fullName` (`parent{k:v,...}`, k6 parse rules) of `parent`: an existing one
 * with the same tag filter, or a new one added to the parent (whose match cache is reset).
 */
export function submetricOf(parent: Entry, fullName: string, exactTrendLimit: number | undefined): Entry {
  const open = fullName.indexOf("{");
  const parentName = parent.info.name;
  if (open === -1 || !fullName.endsWith("}")) {
    throw new Error("missing ending bracket, sub-metric format needs to be 'metric{key:value}'");
  }
  const suffix = fullName.slice(open + 1, -1).trim();
  if (suffix === "") throw new Error(`submetric criteria for metric '${parentName}' cannot be empty`);
  const tags = submetricTags(suffix);
  const key = tagsKey(tags);
  const existing = parent.submetrics.find((s) => s.filter?.key === key);
  if (existing) return existing;
  const { type, contains } = parent.info;
  const info = { name: `${parentName}{${suffix}}`, type, contains, parent: parentName };
  const sub: Entry = { info, sink: createSink(type, exactTrendLimit), filter: { suffix, tags, key }, submetrics: [], observed: false, listeners: [] };
  parent.submetrics.push(sub);
  parent.matches = undefined;
  return sub;
}

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
