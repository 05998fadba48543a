import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { limitLines } from "../../../scripts/reports/html/limits.ts";
import { readSeries } from "../../../scripts/reports/html/read-points.ts";
import { percentile, SeriesBuilder } from "../../../scripts/reports/html/series.ts";
import type { MetricPoint } from "../../../scripts/reports/html/types.ts";

// Second 0 of every timeline here: a whole second, so bucket edges are easy to read.
const T0 = Date.UTC(2025, 10, 26, 19, 18, 3);
const at = (seconds: number, metric: string, value: number, tags: Record<string, string> = {}): MetricPoint => ({ metric, time: T0 + seconds * 1000, value, tags });
const built = (points: MetricPoint[]) => {
  const b = new SeriesBuilder();
  points.forEach((p) => b.add(p));
  const s = b.finish();
  assert.ok(s);
  return s;
};

describe("per-second aggregation for index.html", () => {
  it("interpolates percentiles between ranks as k6 does, null for no values", () => {
    assert.equal(percentile([1, 2, 3, 4, 5], 50), 3);
    assert.ok(Math.abs(percentile([1, 2, 3, 4, 5], 95)! - 4.8) < 1e-9);
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([], 50), null);
  });

  it("computes p50 and p95 of workload latency and TTFT per second, null in a second without samples", () => {
    const chat = { kind: "chat" };
    const s = built([
      ...[100, 200, 300, 400, 500].map((v, i) => at(0.1 * i, "http_req_duration", v, chat)),
      at(0.5, "http_req_duration", 9_999, { kind: "probe" }),
      at(1.2, "http_req_duration", 50, chat),
      at(3.9, "http_req_duration", 80, chat),
      at(0.3, "ai_ttft", 40, { kind: "chat_stream" }),
      at(0.4, "ai_ttft", 60, { kind: "chat_stream" }),
    ]);
    assert.deepEqual(s.t, [0, 1, 2, 3]);
    assert.deepEqual(s.latencyP50, [300, 50, null, 80]);
    assert.deepEqual(s.latencyP95, [480, 50, null, 80]);
    assert.deepEqual(s.ttftP50, [50, null, null, null]);
    assert.deepEqual(s.ttftP95, [59, null, null, null]);
  });

  it("computes p50 and p95 of inter-token latency and the goodput share per second, null in a second without samples", () => {
    const s = built([
      ...[10, 20, 30, 40, 50].map((v, i) => at(0.1 * i, "ai_inter_token_latency", v, { kind: "chat_stream" })),
      at(2.5, "ai_inter_token_latency", 400, { kind: "chat_stream" }),
      at(0.2, "ai_goodput", 1), at(0.3, "ai_goodput", 1), at(0.4, "ai_goodput", 1), at(0.5, "ai_goodput", 0),
      at(1.5, "ai_goodput", 0),
    ]);
    assert.deepEqual(s.itlP50, [30, null, 400]);
    assert.deepEqual(s.itlP95, [48, null, 400]);
    assert.deepEqual(s.goodputShare, [0.75, 0, null]);
  });

  it("leaves inter-token latency and goodput empty when the run recorded neither (an older run)", () => {
    const s = built([at(0.1, "http_reqs", 1, { kind: "chat" }), at(1.1, "ai_ttft", 50)]);
    assert.deepEqual([s.itlP95, s.goodputShare], [[null, null], [null, null]]);
  });

  it("counts workload and other requests per second, and errors per second by class", () => {
    const s = built([
      at(0.1, "http_reqs", 1, { kind: "chat" }), at(0.2, "http_reqs", 1, { kind: "chat_stream" }), at(0.3, "http_reqs", 1, { kind: "probe" }),
      at(1.5, "ai_errors", 1, { class: "5xx" }), at(1.6, "ai_errors", 1, { class: "5xx" }), at(1.7, "ai_errors", 1, { class: "timeout" }),
    ]);
    assert.deepEqual(s.workloadRps, [2, 0]);
    assert.deepEqual(s.otherRps, [1, 0]);
    assert.deepEqual(s.errorsByClass, { "5xx": [0, 2], timeout: [0, 1] });
  });

  it("takes the failed share from ai_req_failed, falling back to workload http_req_failed", () => {
    const rate = (metric: string, kind = "chat") => [at(0.1, metric, 1, { kind }), at(0.2, metric, 0, { kind }), at(0.3, metric, 0, { kind }), at(0.4, metric, 0, { kind })];
    assert.deepEqual(built([...rate("ai_req_failed"), at(0.5, "http_req_failed", 1, { kind: "chat" })]).failedShare, [0.25]);
    assert.deepEqual(built([...rate("http_req_failed"), at(0.5, "http_req_failed", 1, { kind: "probe" })]).failedShare, [0.25]);
  });

  it("finds the fault window from the first to the last sample tagged phase=during", () => {
    const s = built([
      at(0.2, "http_reqs", 1, { phase: "before" }),
      at(3.25, "http_req_duration", 10, { phase: "during" }),
      at(2.5, "ai_req_failed", 0, { phase: "during" }),
      at(7.75, "checks", 1, { phase: "during" }),
      at(9.1, "http_reqs", 1, { phase: "after" }),
    ]);
    assert.deepEqual(s.faultWindow, { start: 2.5, end: 7.75 });
    assert.equal(built([at(0, "http_reqs", 1, { phase: "before" })]).faultWindow, null);
  });

  it("keeps each recovery's moment and duration", () => {
    const s = built([at(0, "vus", 1), at(12.5, "ai_recovery_seconds", 3.2), at(4, "ai_recovery_seconds", 0.4)]);
    assert.deepEqual(s.recoveries, [{ at: 4, seconds: 0.4 }, { at: 12.5, seconds: 3.2 }]);
  });

  it("widens buckets beyond 1200 seconds and keeps rates and shares per second", () => {
    const s = built([
      at(0, "http_reqs", 4, { kind: "chat" }), at(2399.5, "http_reqs", 1, { kind: "chat" }),
      at(0.5, "ai_goodput", 1), at(1.5, "ai_goodput", 0), at(0.2, "ai_inter_token_latency", 10), at(1.2, "ai_inter_token_latency", 30),
    ]);
    assert.equal(s.bucketSeconds, 2);
    assert.equal(s.t.length, 1200);
    assert.deepEqual([s.workloadRps[0], s.workloadRps[1199]], [2, 0.5]);
    assert.deepEqual([s.goodputShare[0], s.itlP50[0]], [0.5, 20], "seconds 0 and 1 merged into one bucket");
  });

  it("returns null for no points", () => {
    assert.equal(new SeriesBuilder().finish(), null);
  });
});

describe("reading metrics.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "html-series-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads points across chunk boundaries, skipping Metric lines and a truncated last line", () => {
    const lines = ['{"type":"Metric","data":{"name":"http_reqs","type":"counter"},"metric":"http_reqs"}'];
    // ~2.5 MB: more than two 1 MiB reads; a multi-byte tag value lands on chunk edges.
    for (let i = 0; i < 20_000; i++) {
      const time = new Date(T0 + (i % 10) * 1000 + 123).toISOString().replace("Z", "456Z");
      lines.push(JSON.stringify({ metric: "http_reqs", type: "Point", data: { time, value: 1, tags: { kind: "chat", name: `résumé ${"x".repeat(40)}` } } }));
    }
    const path = join(dir, "metrics.json");
    writeFileSync(path, `${lines.join("\n")}\n{"metric":"http_reqs","type":"Point","data":{"ti`);
    const s = readSeries(path);
    assert.ok(s);
    assert.deepEqual(s.workloadRps, Array(10).fill(2000));
    assert.equal(s.startMs, T0);
  });
});

describe("breached thresholds as chart lines", () => {
  it("draws latency limits in ms and rate limits in percent; ignores what no chart shows", () => {
    assert.deepEqual(limitLines([
      { metric: "http_req_duration{phase:during,kind:chat}", threshold: "p(95)<1000" },
      { metric: "ai_req_failed{phase:after}", threshold: "rate<0.01", observed: 0.06 },
      { metric: "ai_ttft", threshold: "avg<=250" },
      { metric: "checks", threshold: "rate>0.99" },
      { metric: "ai_recovery_seconds", threshold: "max<30" },
      { metric: "ai_inter_token_latency{phase:after}", threshold: "p(95)<80" },
      { metric: "ai_goodput{phase:before}", threshold: "rate>0.9" },
      { metric: "ai_upstream_amplification{phase:during}", threshold: "max<=2" },
    ]), [
      { chart: "latency", value: 1000, label: "http_req_duration{phase:during,kind:chat} p(95)<1000" },
      { chart: "errors", value: 1, label: "ai_req_failed{phase:after} rate<0.01" },
      { chart: "latency", value: 250, label: "ai_ttft avg<=250" },
      { chart: "itl", value: 80, label: "ai_inter_token_latency{phase:after} p(95)<80" },
      { chart: "goodput", value: 90, label: "ai_goodput{phase:before} rate>0.9" },
    ]);
  });
});
