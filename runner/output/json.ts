import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Writable } from "node:stream";
import type { MetricRegistry } from "../metrics/registry.ts";
import type { Sample, Tags } from "../metrics/types.ts";
import { thresholdJson } from "../thresholds/config.ts";
import { UsageError } from "../errors.ts";
import type { ThresholdSet } from "../thresholds/index.ts";

// k6 flushes its JSON output every 200 ms; we also flush early past 64 KiB of pending lines.
const FLUSH_INTERVAL_MS = 200;
const FLUSH_BYTES = 64 * 1024;

/** JSON.stringify plus Go's escaping of U+2028/U+2029, which encoding/json always applies. */
const goJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** Tags with sorted keys, as Go marshals a map. */
const sortedTags = (tags: Tags): Tags =>
  Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The `{"type":"Metric",...}` line k6 writes before a metric's first point. */
function metricLine(s: Sample, registry?: MetricRegistry, thresholds?: ThresholdSet): string {
  const submetrics = registry?.submetrics(s.metric).map((sm) => ({ ...sm, tags: sortedTags(sm.tags) })) ?? [];
  const own = thresholds?.metrics.filter((m) => m.key === s.metric).flatMap((m) => m.thresholds) ?? [];
  const data = {
    name: s.metric,
    type: s.type,
    contains: registry?.info(s.metric)?.contains ?? "default",
    thresholds: own.map(thresholdJson),
    submetrics: submetrics.length > 0 ? submetrics : null,
  };
  return goJson({ type: "Metric", data, metric: s.metric });
}

/**
 * k6's `--out json=FILE` JSON-lines format: a
 * `{"type":"Metric","data":{name,type,contains,thresholds,submetrics},"metric":name}` line
 * when a metric first appears, then `{"metric","type":"Point","data":{time,value,tags}}` per
 * sample, time as RFC3339 in the local zone. Buffered writes; `close()` flushes. A `.gz`
 * suffix gzips (as k6); "-" or "" writes to stdout. Pass the registry and thresholds for
 * `contains`, `thresholds` and `submetrics`.
 */
export function createJsonOutput(
  path: string,
  opts?: { registry?: MetricRegistry; thresholds?: ThresholdSet; stdout?: Writable },
): { write(sample: Sample): void; close(): Promise<void> } {
  const toStdout = path === "" || path === "-";
  const file = toStdout ? undefined : createWriteStream(path);
  const gzip = file && path.endsWith(".gz") ? createGzip() : undefined;
  if (gzip && file) gzip.pipe(file);
  const sink: Writable = gzip ?? file ?? opts?.stdout ?? process.stdout;
  const seen = new Set<string>();
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    sink.write(pending.join(""));
    pending = [];
    pendingBytes = 0;
  };
  const timer = setInterval(flush, FLUSH_INTERVAL_MS);
  timer.unref();
  const push = (line: string): void => {
    pending.push(line, "\n");
    pendingBytes += line.length + 1;
    if (pendingBytes >= FLUSH_BYTES) flush();
  };
  return {
    write(s: Sample): void {
      // Go's encoder rejects NaN and ±Inf, so k6 drops such samples (and logs an error).
      if (!Number.isFinite(s.value)) return;
      if (!seen.has(s.metric)) {
        seen.add(s.metric);
        push(metricLine(s, opts?.registry, opts?.thresholds));
      }
      const data = { time: formatRfc3339(s.time), value: s.value, tags: sortedTags(s.tags) };
      push(goJson({ metric: s.metric, type: "Point", data }));
    },
    async close(): Promise<void> {
      clearInterval(timer);
      flush();
      if (!file) return;
      sink.end();
      await finished(file);
    },
  };
}

/** Opens the `--out` outputs (only `json=FILE`) and subscribes them to every sample. */
export function openOutputs(specs: string[], registry: MetricRegistry, thresholds: ThresholdSet): { close(): Promise<void> } {
  const outputs = specs.map((spec) => {
    const eq = spec.indexOf("=");
    const type = eq === -1 ? spec : spec.slice(0, eq);
    const arg = eq === -1 ? "" : spec.slice(eq + 1);
    if (type !== "json") throw new UsageError(`invalid output type '${type}': the Node runner supports only json=FILE`);
    if (!arg) throw new UsageError("the json output needs a file name: --out json=FILE");
    return createJsonOutput(arg, { registry, thresholds });
  });
  const unsubscribe = outputs.map((o) => registry.onSample((s) => o.write(s)));
  return {
    async close() {
      unsubscribe.forEach((u) => u());
      await Promise.all(outputs.map((o) => o.close()));
    },
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `epochMs` in the local zone as Go's RFC3339Nano, which k6 writes in JSON output:
 * "2026-05-09T14:34:45.625742+02:00", fraction trimmed of trailing zeros (absent when
 * zero), "Z" for a zero offset. Precision is the microsecond a JS float epoch can carry.
 */
export function formatRfc3339(epochMs: number): string {
  const wholeMs = Math.floor(epochMs);
  const d = new Date(wholeMs);
  const micros = Math.round((epochMs - wholeMs) * 1000) + d.getMilliseconds() * 1000;
  const fraction = micros === 0 ? "" : `.${pad(micros, 6).replace(/0+$/, "")}`;
  const offsetMin = -d.getTimezoneOffset();
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? "Z" : `${offsetMin > 0 ? "+" : "-"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${fraction}${zone}`;
}
