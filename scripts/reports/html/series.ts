// The time series index.html charts, aggregated from the engine's `--out json` points in Node so
// the page embeds a few numbers per second, never raw points: request rate, errors by class,
// latency and TTFT percentiles, inter-token latency and goodput, the fault window (phase tag) and the
// recovery moments.
import { METRIC } from "../../../contracts/names.ts";
import { WORKLOAD_KINDS } from "../../../contracts/names.ts";
import type { MetricPoint, ScenarioSeries } from "./types.ts";

// A chart over ~20 minutes of seconds is already denser than its pixels; longer runs (soak) get
// wider buckets so the embedded data stays under ~100 kB per scenario.
const MAX_BUCKETS = 1200;

/** The p-th percentile (0..100) of ascending `sorted`, interpolated between ranks as k6 does; null if empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (pos - lo);
}

interface Bucket {
  workload: number;
  other: number;
  errors: Map<string, number>;
  aiFailed: [sum: number, n: number];
  httpFailed: [sum: number, n: number];
  latency: number[];
  ttft: number[];
  itl: number[];
  goodput: [sum: number, n: number];
}

const emptyBucket = (): Bucket => ({ workload: 0, other: 0, errors: new Map(), aiFailed: [0, 0], httpFailed: [0, 0], latency: [], ttft: [], itl: [], goodput: [0, 0] });
/** A Rate's running [sum of 0/1 values, sample count]. */
const add = (rate: [number, number], value: number): void => {
  rate[0] += value;
  rate[1] += 1;
};
const isWorkload = (tags: MetricPoint["tags"]): boolean => (WORKLOAD_KINDS as readonly string[]).includes(tags.kind ?? "");

/** Collects points (in any order) into one-second buckets; `finish` turns them into a ScenarioSeries. */
export class SeriesBuilder {
  readonly #seconds = new Map<number, Bucket>();
  #during: [first: number, last: number] | null = null;
  readonly #recoveries: { time: number; seconds: number }[] = [];
  #first = Infinity;

  /** Adds one point; metrics the charts do not use only move the start of the timeline. */
  add(p: MetricPoint): void {
    if (!Number.isFinite(p.time) || !Number.isFinite(p.value)) return;
    this.#first = Math.min(this.#first, p.time);
    if (p.tags.phase === "during") this.#during = this.#during ? [Math.min(this.#during[0], p.time), Math.max(this.#during[1], p.time)] : [p.time, p.time];
    if (p.metric === METRIC.recoverySeconds) this.#recoveries.push({ time: p.time, seconds: p.value });
    const key = Math.floor(p.time / 1000);
    const b = this.#seconds.get(key) ?? emptyBucket();
    this.#seconds.set(key, b);
    switch (p.metric) {
      case "http_reqs":
        if (isWorkload(p.tags)) b.workload += p.value;
        else b.other += p.value;
        break;
      case METRIC.errors: {
        const cls = p.tags.class ?? "unclassified";
        b.errors.set(cls, (b.errors.get(cls) ?? 0) + p.value);
        break;
      }
      case METRIC.reqFailed:
        add(b.aiFailed, p.value);
        break;
      case "http_req_failed":
        if (isWorkload(p.tags)) add(b.httpFailed, p.value);
        break;
      case "http_req_duration":
        if (isWorkload(p.tags)) b.latency.push(p.value);
        break;
      case METRIC.ttft:
        b.ttft.push(p.value);
        break;
      case METRIC.interTokenLatency:
        b.itl.push(p.value);
        break;
      case METRIC.goodput:
        add(b.goodput, p.value);
    }
  }

  /** The aggregated series; null when no point was added. */
  finish(): ScenarioSeries | null {
    if (this.#seconds.size === 0) return null;
    const first = Math.floor(this.#first / 1000);
    const span = Math.max(...this.#seconds.keys()) - first + 1;
    const width = Math.max(1, Math.ceil(span / MAX_BUCKETS));
    const buckets = Array.from({ length: Math.ceil(span / width) }, emptyBucket);
    for (const [key, s] of this.#seconds) merge(buckets[Math.floor((key - first) / width)]!, s);
    const useAi = buckets.some((b) => b.aiFailed[1] > 0);
    const classes = [...new Set(buckets.flatMap((b) => [...b.errors.keys()]))].sort();
    const startMs = first * 1000;
    const sec = (ms: number): number => Math.round(ms - startMs) / 1000;
    // 0.01 ms and 0.0001 of a share are below what a chart shows; fewer digits, smaller page.
    const round = (v: number | null, per: number): number | null => (v === null ? null : Math.round(v * per) / per);
    const pct = (values: number[], p: number) => round(percentile(values.sort((x, y) => x - y), p), 100);
    return {
      startMs,
      bucketSeconds: width,
      t: buckets.map((_, i) => i * width),
      workloadRps: buckets.map((b) => b.workload / width),
      otherRps: buckets.map((b) => b.other / width),
      errorsByClass: Object.fromEntries(classes.map((c) => [c, buckets.map((b) => (b.errors.get(c) ?? 0) / width)])),
      failedShare: buckets.map((b) => {
        const [sum, n] = useAi ? b.aiFailed : b.httpFailed;
        return n > 0 ? round(sum / n, 10_000) : null;
      }),
      latencyP50: buckets.map((b) => pct(b.latency, 50)),
      latencyP95: buckets.map((b) => pct(b.latency, 95)),
      ttftP50: buckets.map((b) => pct(b.ttft, 50)),
      ttftP95: buckets.map((b) => pct(b.ttft, 95)),
      itlP50: buckets.map((b) => pct(b.itl, 50)),
      itlP95: buckets.map((b) => pct(b.itl, 95)),
      goodputShare: buckets.map(({ goodput: [sum, n] }) => (n > 0 ? round(sum / n, 10_000) : null)),
      faultWindow: this.#during ? { start: sec(this.#during[0]), end: sec(this.#during[1]) } : null,
      recoveries: this.#recoveries.sort((a, b) => a.time - b.time).map((r) => ({ at: sec(r.time), seconds: r.seconds })),
    };
  }
}

function merge(into: Bucket, from: Bucket): void {
  into.workload += from.workload;
  into.other += from.other;
  for (const [c, n] of from.errors) into.errors.set(c, (into.errors.get(c) ?? 0) + n);
  for (const k of ["aiFailed", "httpFailed", "goodput"] as const) {
    into[k][0] += from[k][0];
    into[k][1] += from[k][1];
  }
  // A loop, not push(...spread): a busy second can hold more values than the call stack allows.
  for (const v of from.latency) into.latency.push(v);
  for (const v of from.ttft) into.ttft.push(v);
  for (const v of from.itl) into.itl.push(v);
}
