import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Writable } from "node:stream";
import type { MetricRegistry } from "../metrics/registry.ts";
import type { Sample, Tags } from "../metrics/types.ts";
import { formatGoDuration } from "../thresholds/delay.ts";
import type { ThresholdSet } from "../thresholds/index.ts";
import { formatRfc3339 } from "./rfc3339.ts";

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
    thresholds: own.map((t) =>
      t.abortOnFail
        ? {
            threshold: t.source,
            abortOnFail: true,
            delayAbortEval: t.delayAbortEvalMs === null ? null : formatGoDuration(t.delayAbortEvalMs),
          }
        : t.source,
    ),
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
