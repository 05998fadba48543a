import { matchingSubmetrics, SampleListeners, submetricOf, type Entry, type Listener } from "./entry.ts";

export type { Entry } from "./entry.ts";

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);
import { assertMetricName } from "./names.ts";
import { createSink, type AnySink } from "./sinks.ts";
import { BUILTIN_METRICS, type MetricInfo, type MetricType, type Sample, type SubmetricInfo, type Tags, type ValueType } from "./types.ts";
import { DEFAULT_TREND_STATS, summaryValues } from "./values.ts";

export { BUILTIN_METRICS } from "./types.ts";
export type { MetricInfo, MetricType, Sample, SubmetricInfo, Tags, ValueType } from "./types.ts";

/**
 * The runner's metrics engine: metric declarations, one sink per metric and submetric, the
 * "observed" set (what k6's summary lists) and the sample listeners (`entry.ts`). The k6
 * built-ins are declared up front.
 */
export class MetricRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new SampleListeners();
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
      this.entries.set(name, { info, sink: createSink(type, this.exactTrendLimit), submetrics: [], observed: false, listeners: this.listeners.of(name) });
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
    const entry = this.metric(name);
    if (Number.isNaN(value)) throw new TypeError(`metric '${name}': the value is NaN`);
    this.addTo(entry, value, tags, time);
  }

  /** The record of the declared metric `name`, for callers that add to it often (`addTo`). */
  metric(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry || entry.filter) throw new Error(`metric '${name}' is not declared`);
    return entry;
  }

  /**
   * Bumped when a submetric is registered: a caller that keeps `submetricsOf` answers for a tag
   * set it reuses compares this first.
   */
  version = 0;

  /** The submetrics of `entry` a sample with `tags` feeds. */
  submetricsOf(entry: Entry, tags: Tags): readonly Entry[] {
    return entry.submetrics.length === 0 ? NO_ENTRIES : matchingSubmetrics(entry, tags);
  }

  /**
   * `add` for a metric already looked up with `metric()`; `value` must not be NaN. `subs`: its
   * submetrics for these tags, when the caller kept them (`submetricsOf`).
   */
  addTo(entry: Entry, value: number, tags: Tags, time: number, subs?: readonly Entry[]): void {
    if (!entry.observed) this.observe(entry);
    entry.sink.add(value);
    if (entry.submetrics.length !== 0) {
      for (const sub of subs ?? matchingSubmetrics(entry, tags)) {
        if (!sub.observed) this.observe(sub);
        sub.sink.add(value);
      }
    }
    // No listener (no --out, no check/group sample): no Sample object either.
    if (this.listeners.all.length === 0 && entry.listeners.length === 0) return;
    const sample: Sample = { metric: entry.info.name, type: entry.info.type, value, tags, time };
    for (const listener of entry.listeners) listener(sample);
    for (const listener of this.listeners.all) listener(sample);
  }

  private observe(entry: Entry): void {
    this.observedNames.add(entry.info.name);
    entry.observed = true;
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
    const sub = submetricOf(parent, fullName, this.exactTrendLimit);
    this.entries.set(sub.info.name, sub);
    this.version++;
    return sub.info.name;
  }

  /** A metric's submetrics as k6's JSON output lists them (empty when none). */
  submetrics(name: string): SubmetricInfo[] {
    return (this.entries.get(name)?.submetrics ?? []).map((s) => ({
      name: s.info.name,
      suffix: s.filter?.suffix ?? "",
      tags: { ...s.filter?.tags },
    }));
  }

  /**
   * Subscribes to every sample, or only to those of `metrics` (so that samples of other
   * metrics cost no Sample object); returns the unsubscribe function.
   */
  onSample(listener: Listener, metrics?: readonly string[]): () => void {
    return this.listeners.subscribe(listener, metrics);
  }

  /** Snapshot of a metric or submetric aggregate for thresholds and the summary. */
  values(fullName: string, testRunDurationMs: number, trendStats: readonly string[] = DEFAULT_TREND_STATS): Record<string, number> | undefined {
    const entry = this.entries.get(fullName);
    return entry && summaryValues(entry.sink, testRunDurationMs, trendStats);
  }

  /** Marks a metric as shown in the summary without samples (k6 does so for threshold targets and their parents). */
  markObserved(fullName: string): void {
    const entry = this.entries.get(fullName);
    if (entry) this.observe(entry);
  }

  /**
   * Names of metrics and submetrics k6's summary lists, in first-seen order: those that
   * received at least one sample, plus those marked observed (metrics with thresholds).
   */
  observed(): string[] {
    return [...this.observedNames];
  }
}

/**
 * Metrics one caller adds to together, with a tag set it reuses (a VU's: frozen, rebuilt only
 * when a tag changes): their records are looked up once, and their submetric matches once per
 * tag set, instead of a name lookup and a match-cache lookup per sample.
 */
export class MetricGroup {
  private readonly entries: Entry[];
  private tags: Tags | undefined;
  private version = -1;
  private subs: (readonly Entry[] | undefined)[] = [];

  constructor(private readonly registry: MetricRegistry, names: readonly string[]) {
    this.entries = names.map((name) => registry.metric(name));
  }

  /** Adds `value` with `tags` to the group's metric at `index` (its position in `names`). */
  add(index: number, value: number, tags: Tags, time: number): void {
    if (tags !== this.tags || this.registry.version !== this.version) this.match(tags);
    this.registry.addTo(this.entries[index]!, value, tags, time, this.subs[index]);
  }

  private match(tags: Tags): void {
    // Only a frozen tag set can be known by identity; others are matched per sample.
    const frozen = Object.isFrozen(tags);
    this.tags = frozen ? tags : undefined;
    this.version = this.registry.version;
    this.subs = this.entries.map((e) => (frozen ? this.registry.submetricsOf(e, tags) : undefined));
  }
}
