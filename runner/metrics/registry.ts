import { BUILTIN_METRICS } from "./builtin.ts";
import { assertMetricName, submetricTags, tagsKey } from "./names.ts";
import { createSink, type AnySink } from "./sinks.ts";
import type { MetricInfo, MetricType, Sample, SubmetricInfo, Tags, ValueType } from "./types.ts";
import { DEFAULT_TREND_STATS, summaryValues } from "./values.ts";

export { BUILTIN_METRICS } from "./builtin.ts";
export type { MetricInfo, MetricType, Sample, SubmetricInfo, Tags, ValueType } from "./types.ts";

interface Entry {
  info: MetricInfo;
  sink: AnySink;
  /** Set on submetrics: the tag filter a sample must contain. */
  filter?: { suffix: string; tags: Tags; key: string };
  submetrics: Entry[];
}

/** A sample's tags contain every key:value of the filter (k6's TagSet.Contains). */
function matches(tags: Tags, filter: Tags): boolean {
  for (const key in filter) if (!Object.hasOwn(tags, key) || tags[key] !== filter[key]) return false;
  return true;
}

/**
 * The runner's metrics engine: metric declarations, one sink per metric and submetric, and
 * the "observed" set (what k6's summary lists). The k6 built-ins are declared up front.
 */
export class MetricRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners: ((s: Sample) => void)[] = [];
  private readonly observedNames = new Set<string>();
  private readonly exactTrendLimit: number | undefined;

  /** `exactTrendLimit`: samples a trend keeps exactly before switching to a ±0.1% histogram. */
  constructor(opts?: { systemTagsForSubmetrics?: never; exactTrendLimit?: number; builtins?: boolean }) {
    this.exactTrendLimit = opts?.exactTrendLimit;
    if (opts?.builtins !== false) for (const b of BUILTIN_METRICS) this.define(b.name, b.type, b.valueType);
  }

  /**
   * Declares a metric (idempotent for the same type; throws Error naming the clash
   * otherwise; validates k6's name rules). Without `valueType` an existing one is not checked.
   */
  define(name: string, type: MetricType, valueType?: ValueType): void {
    assertMetricName(name);
    const old = this.entries.get(name);
    if (!old) {
      const info = { name, type, contains: valueType ?? "default" };
      this.entries.set(name, { info, sink: createSink(type, this.exactTrendLimit), submetrics: [] });
      return;
    }
    if (old.info.type !== type) {
      throw new Error(`metric '${name}' already exists but with type ${old.info.type}, instead of ${type}`);
    }
    if (valueType !== undefined && valueType !== old.info.contains) {
      throw new Error(`metric '${name}' already exists but with a value type ${old.info.contains}, instead of ${valueType}`);
    }
  }

  /** True for a declared metric or a registered submetric. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Declaration of a metric or submetric. */
  info(fullName: string): MetricInfo | undefined {
    return this.entries.get(fullName)?.info;
  }

  /** The live sink of a metric or submetric (thresholds read it). */
  sink(fullName: string): AnySink | undefined {
    return this.entries.get(fullName)?.sink;
  }

  /**
   * Records one sample: updates the metric's sink and every submetric whose tag filter
   * matches the sample tags, and forwards to listeners. `time` ms epoch, default Date.now().
   */
  add(name: string, value: number, tags: Tags, time: number = Date.now()): void {
    const entry = this.entries.get(name);
    if (!entry || entry.filter) throw new Error(`metric '${name}' is not declared`);
    if (Number.isNaN(value)) throw new TypeError(`metric '${name}': the value is NaN`);
    this.observedNames.add(name);
    entry.sink.add(value);
    for (const sub of entry.submetrics) {
      if (!sub.filter || !matches(tags, sub.filter.tags)) continue;
      this.observedNames.add(sub.info.name);
      sub.sink.add(value);
    }
    if (this.listeners.length === 0) return;
    const sample: Sample = { metric: name, type: entry.info.type, value, tags, time };
    for (const listener of this.listeners) listener(sample);
  }

  /**
   * Registers a submetric such as `http_req_duration{phase:during,scenario:load}` (k6 parse
   * rules) and returns its full name: `parent{trimmed suffix}`, or the name of an existing
   * submetric with the same tag filter. The caller validates with parseMetricName first.
   */
  addSubmetric(fullName: string): string {
    const open = fullName.indexOf("{");
    const parentName = open === -1 ? fullName : fullName.slice(0, open);
    const parent = this.entries.get(parentName);
    if (!parent || parent.filter) throw new Error(`metric '${parentName}' does not exist in the script`);
    if (open === -1 || !fullName.endsWith("}")) {
      throw new Error("missing ending bracket, sub-metric format needs to be 'metric{key:value}'");
    }
    const suffix = fullName.slice(open + 1, -1).trim();
    if (suffix === "") throw new Error(`submetric criteria for metric '${parentName}' cannot be empty`);
    const tags = submetricTags(suffix);
    const key = tagsKey(tags);
    const existing = parent.submetrics.find((s) => s.filter?.key === key);
    if (existing) return existing.info.name;
    const { type, contains } = parent.info;
    const info = { name: `${parentName}{${suffix}}`, type, contains, parent: parentName };
    const sub: Entry = { info, sink: createSink(type, this.exactTrendLimit), filter: { suffix, tags, key }, submetrics: [] };
    parent.submetrics.push(sub);
    this.entries.set(info.name, sub);
    return info.name;
  }

  /** A metric's submetrics as k6's JSON output lists them (empty when none). */
  submetrics(name: string): SubmetricInfo[] {
    return (this.entries.get(name)?.submetrics ?? []).map((s) => ({
      name: s.info.name,
      suffix: s.filter?.suffix ?? "",
      tags: { ...s.filter?.tags },
    }));
  }

  /** Subscribes to every sample; returns the unsubscribe function. */
  onSample(listener: (s: Sample) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at !== -1) this.listeners.splice(at, 1);
    };
  }

  /** Snapshot of a metric or submetric aggregate for thresholds and the summary. */
  values(
    fullName: string,
    testRunDurationMs: number,
    trendStats: readonly string[] = DEFAULT_TREND_STATS,
  ): Record<string, number> | undefined {
    const entry = this.entries.get(fullName);
    return entry && summaryValues(entry.sink, testRunDurationMs, trendStats);
  }

  /** Marks a metric as shown in the summary without samples (k6 does so for threshold targets and their parents). */
  markObserved(fullName: string): void {
    if (this.entries.has(fullName)) this.observedNames.add(fullName);
  }

  /**
   * Names of metrics and submetrics k6's summary lists, in first-seen order: those that
   * received at least one sample, plus those marked observed (metrics with thresholds).
   */
  observed(): string[] {
    return [...this.observedNames];
  }
}
