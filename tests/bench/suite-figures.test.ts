import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { hotSpots } from "../../bench/lib/cpuprofile.ts";
import { machineBusySeconds } from "../../bench/lib/proc.ts";
import { inflightByPod, loadedWindow, median, windowFigures, type Sample } from "../../bench/lib/inflight.ts";
import { profileFileOf } from "../../bench/lib/suite-profile.ts";
import type { LevelRun } from "../../bench/lib/suite-level.ts";
import { bottleneck, breachedOf, costTable, largestCost, levelReport, levelsTable, perRequest, type LevelReport } from "../../bench/lib/suite-report.ts";
import type { ScenarioResult } from "../../scripts/chaos/types.ts";
import { levelFigures } from "../../bench/lib/summary-export.ts";

test("a level's figures are read from the summary export", () => {
  const f = levelFigures({ metrics: {
    http_reqs: { count: 9000, rate: 409.1 },
    "http_req_duration{kind:chat_stream}": { "p(95)": 2310.5 },
    ai_ttft: { "p(95)": 640 },
    ai_time_per_output_token: { "p(95)": 55 },
    ai_req_failed: { value: 0.001 },
    dropped_iterations: { count: 3, thresholds: { "count<=0": true } },
    "ai_ttft{phase:before}": { thresholds: { "p(95)<1500": true, "p(99)<3000": false } },
    vus: { max: 2004 },
  } });
  assert.deepEqual([f.requests, f.rps, f.durationP95, f.ttftP95, f.tpotP95, f.failedRate, f.dropped, f.vusMax], [9000, 409.1, 2310.5, 640, 55, 0.001, 3, 2004]);
  assert.ok(Number.isNaN(levelFigures({ metrics: {} }).durationP95), "a missing figure is NaN, not 0");
  assert.throws(() => levelFigures({ nope: 1 }), /no `metrics` object/);
});

test("a level's verdict and breached thresholds are the one runner's, and a level without a summary does not pass", () => {
  const verdict = (over: Partial<ScenarioResult>): LevelRun => ({
    level: 500, requestMs: 2050, summaryFile: "s.json", samples: [], roles: [], pids: [],
    result: { name: "baseline", category: "baseline", verdict: "passed", exitCode: 0, reason: "every threshold held", breaches: [], figures: {}, durationMs: 1, files: [], ...over },
  });
  const failed = verdict({ verdict: "failed", exitCode: 99, breaches: [{ metric: "ai_ttft{phase:before}", threshold: "p(95)<1500", observed: 1720 }, { metric: "dropped_iterations", threshold: "count<=0", observed: 3 }] });
  assert.deepEqual(breachedOf(failed), ["ai_ttft{phase:before}: p(95)<1500", "dropped_iterations: count<=0"]);
  const figures = levelFigures({ metrics: {} });
  assert.equal(levelReport(failed, 244, figures).passed, false);
  assert.equal(levelReport(verdict({}), 244, figures).passed, true);
  assert.equal(levelReport(verdict({}), 244, null).passed, false, "exit 0 without a summary export is not a measured pass");
  const crashed = verdict({ verdict: "error", exitCode: null, reason: "engine killed by SIGKILL, no summary" });
  const table = levelsTable([levelReport(failed, 244, figures), levelReport(crashed, 244, null)]);
  assert.match(table, /\*\*fail\*\* \(exit 99\).*`ai_ttft\{phase:before\}: p\(95\)<1500`<br>`dropped_iterations: count<=0`/);
  assert.match(table, /\*\*fail\*\* \(exit null\).*engine killed by SIGKILL, no summary/);
});

test("the gateway's in-flight gauge is read per pod from Prometheus text", () => {
  const text = [
    "# HELP ai_gateway_inflight Requests in flight in this worker",
    "# TYPE ai_gateway_inflight gauge",
    'ai_gateway_inflight{pod="ai-service-1"} 517',
    'ai_gateway_shed_total{pod="ai-service-1"} 0',
  ].join("\n");
  assert.deepEqual([...inflightByPod(text)], [["ai-service-1", 517]]);
  assert.equal(inflightByPod("ai_gateway_inflight 3").size, 0, "a series without a pod label is not counted");
});

// the machine busy 1.5 cores throughout
const s = (t: number, active: number, cpu: number[]): Sample => ({ t, active, gateway: active + 1, cpu, machine: (t / 1000) * 1.5 });

test("the loaded window spans the samples with at least half the level in flight", () => {
  const samples = [s(0, 0, [0, 0]), s(1000, 60, [0.5, 0.1]), s(2000, 100, [1.5, 0.3]), s(3000, 98, [2.5, 0.5]), s(4000, 10, [2.6, 0.5])];
  assert.deepEqual(loadedWindow(samples, 100), { from: 1, to: 3 });
  const w = windowFigures(samples, 100)!;
  assert.equal(w.seconds, 2);
  assert.deepEqual([w.activeMedian, w.activeMax, w.gatewayMedian], [98, 100, 99]);
  assert.deepEqual(w.cores, [1, 0.2]); // (2.5 − 0.5) / 2 s, (0.5 − 0.1) / 2 s
  assert.equal(w.machineCores, 1.5);
  assert.equal(windowFigures(samples, 1000), null, "never half reached");
});

test("the median of an odd or even count, and none of an empty one", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 3);
  assert.throws(() => median([]), /median of no values/);
});

test("a process's profile is found under either naming, its main thread's and only its own", () => {
  const files = ["CPU.20261126.225012.4242.1.001.cpuprofile", "CPU.20261126.225012.4242.0.002.cpuprofile", "4343.cpuprofile", "CPU.20261126.225012.42.0.001.cpuprofile"];
  assert.equal(profileFileOf(files, 4242), files[1]);
  assert.equal(profileFileOf(files, 4343), files[2]);
  assert.equal(profileFileOf(files, 434), undefined);
});

test("idle samples can be left out of a profile's hot spots", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-suite-test-"));
  try {
    const frame = (functionName: string) => ({ functionName, url: "", lineNumber: -1 });
    const file = join(dir, "p.cpuprofile");
    writeFileSync(file, JSON.stringify({
      nodes: [{ id: 1, callFrame: frame("(root)"), children: [2, 3] }, { id: 2, callFrame: frame("(idle)") }, { id: 3, callFrame: frame("writev") }],
      samples: [2, 2, 3], timeDeltas: [4000, 4000, 2000],
    }));
    assert.equal(hotSpots(file, dir).totalMs, 10);
    const busy = hotSpots(file, dir, 10, "", ["(idle)"]);
    assert.equal(busy.totalMs, 2);
    assert.deepEqual(busy.functions.map((h) => [h.name, h.share]), [["writev (native)", 1]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the bottleneck sentence names a saturated machine and a saturated event loop", () => {
  const roles = ["runner", "ai-service-0", "provider-a"];
  assert.match(bottleneck(roles, [0.95, 0.6, 0.3], 2, 1.95), /busy 1.95 of 2 cores: ours 1.85 \(busiest: runner 0.95, ai-service-0 0.60, provider-a 0.30\), other work 0.10; the CPU was saturated.*runner's event loop was busy 95 %/);
  assert.match(bottleneck(roles, [0.2, 0.1, Number.NaN], 2, 1.0), /ours 0.30 .*other work 0.70; neither the machine nor one event loop was saturated/);
});

test("the machine's busy CPU time counts every state but idle and iowait", () => {
  // user nice system idle iowait irq softirq steal guest guest_nice, in 1/100 s
  assert.equal(machineBusySeconds("cpu  100 20 30 5000 40 5 5 10 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n"), 1.7);
  assert.ok(Number.isNaN(machineBusySeconds("")));
});

test("CPU per request divides each part's cores by the arrival rate", () => {
  const roles = ["runner", "ai-service-0", "ai-service-1", "gateway primary", "provider-a", "provider-b", "launcher (fault links)"];
  const window = { seconds: 20, activeMedian: 1000, activeMax: 1010, gatewayMedian: 1000, cores: [0.5, 0.25, 0.25, 0, 0.2, 0, 0.1], machineCores: 1.4 };
  const l = { run: { roles }, rate: 500, window } as unknown as LevelReport;
  // 2.6 ms per request: 2 cores serve 769 requests/s, × 2.05 s = 1,577 in flight
  assert.equal(perRequest(l, 2050, 2), "runner 1.00 ms · gateway 1.00 ms · providers 0.40 ms · fault links 0.20 ms = 2.60 ms; runner ÷ gateway = 1.00×. At that cost 2 cores, fully busy with nothing else, would hold ≈ 1,577 streams of 2.05 s in flight");
  assert.equal(perRequest({ ...l, window: null }, 2050, 2), "n/a");
  const gatewayHot = { name: "writev (native)", ms: 900, share: 0.3 };
  assert.equal(largestCost({ ...l, window: { ...window, cores: [0.4, 0.3, 0.3, 0, 0.2, 0, 0.1] } }, [{ role: "ai-service-0", busyMs: 3000, functions: [gatewayHot], files: [] }]),
    "the gateway: 1.20 of 2.60 ms CPU per streamed request (46 %); its profile (ai-service-0) spends most self time in `writev (native)` (30 % of busy time)");
});

test("the cost table gives every level's CPU ms per streamed request by part, and n/a without a loaded window", () => {
  const roles = ["runner", "ai-service-0", "ai-service-1", "gateway primary", "provider-a", "provider-b", "launcher (fault links)"];
  const window = { seconds: 20, activeMedian: 1000, activeMax: 1010, gatewayMedian: 1000, cores: [0.5, 0.25, 0.25, 0, 0.2, 0, 0.1], machineCores: 1.4 };
  const at = (level: number, w: typeof window | null) => ({ run: { level, roles }, rate: 500, window: w }) as unknown as LevelReport;
  const rows = costTable([at(1000, window), at(1500, null)]).split("\n");
  assert.equal(rows[0], "| level | runner (ms) | gateway (ms) | providers (ms) | fault links (ms) | Σ (ms) |");
  assert.equal(rows[2], "| 1,000 | 1.00 | 1.00 | 0.40 | 0.20 | 2.60 |");
  assert.equal(rows[3], "| 1,500 | n/a | n/a | n/a | n/a | n/a |");
});
