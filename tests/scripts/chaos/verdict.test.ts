import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ScenarioResult, Verdict } from "../../../scripts/chaos/types.ts";
import { breachedThresholds, describeExit, engineCrash, judge, keyFigures, observedValue, parseMetricKey, readSummary, shellSignal, suiteExitCode, type SummaryExport } from "../../../scripts/chaos/verdict.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

// The export's format: k6's internal/js/summary-wrapper.js `oldJSONSummary` (thresholds map to
// `!ok`, a Rate's `rate` becomes `value`). Exit codes: k6's errext/exitcodes/codes.go.
describe("summary export reading", () => {
  it("lists only thresholds whose export value is true (true means FAILED in --summary-export)", () => {
    const summary = readSummary(fixture("summary-breached.json"));
    assert.ok(summary);
    assert.deepEqual(breachedThresholds(summary), [
      { metric: "ai_req_failed{phase:after}", threshold: "rate<0.01", observed: 0.06 },
      { metric: "http_req_duration{phase:during,kind:chat,expected_response:false}", threshold: "p(95)<1000", observed: 3200 },
    ]);
  });

  it("finds no breach in a passing export", () => {
    const summary = readSummary(fixture("summary-passed.json"));
    assert.ok(summary);
    assert.deepEqual(breachedThresholds(summary), []);
  });

  it("takes key figures from http_reqs, ai_req_failed, the expected-response p95, ai_ttft and ai_recovery_seconds", () => {
    const summary = readSummary(fixture("summary-breached.json"));
    assert.ok(summary);
    assert.deepEqual(keyFigures(summary), { requests: 300, errorRate: 0.1, p95Ms: 1200, ttftP95Ms: 512, recoverySeconds: 4.2 });
    const passed = readSummary(fixture("summary-passed.json"));
    assert.ok(passed);
    assert.deepEqual(keyFigures(passed), { requests: 250, errorRate: 0, p95Ms: 178.25, ttftP95Ms: 71.5 });
  });

  it("takes the LLM figures: ai_goodput's rate, ai_output_tokens per second, ai_inter_token_latency's p95, each phase's ai_upstream_amplification", () => {
    const summary = readSummary(fixture("summary-llm.json"));
    assert.ok(summary);
    assert.deepEqual(keyFigures(summary), {
      requests: 264, errorRate: 0.05, p95Ms: 702.5, ttftP95Ms: 240,
      goodput: 0.9208333333333333, outputTokensPerSecond: 411.5, itlP95Ms: 38.4, amplification: { before: 1, during: 3.1, after: 1.02 },
    });
  });

  it("reads amplification only from submetrics tagged with a phase alone, and leaves it out when there are none", () => {
    const trend = (max: number) => ({ avg: max, max });
    const metrics = {
      ai_upstream_amplification: trend(9),
      "ai_upstream_amplification{phase:during}": trend(2.5),
      "ai_upstream_amplification{phase:during,kind:chat}": trend(8),
      "ai_upstream_amplification{phase:soon}": trend(7),
    };
    assert.deepEqual(keyFigures({ metrics }), { amplification: { during: 2.5 } });
    assert.deepEqual(keyFigures({ metrics: { ai_upstream_amplification: trend(9) } }), {});
  });

  it("falls back to http_req_failed when ai_req_failed is absent", () => {
    assert.deepEqual(keyFigures({ metrics: { http_req_failed: { value: 0.25 } } }), { errorRate: 0.25 });
  });

  it("reads the aggregate an expression tests, a Rate's rate being `value` in the export", () => {
    assert.equal(observedValue({ value: 0.2 }, "rate<0.1"), 0.2);
    assert.equal(observedValue({ count: 3, rate: 1.5 }, "rate>2"), 1.5);
    assert.equal(observedValue({ "p(99.9)": 7 }, "p(99.9) < 5"), 7);
    assert.equal(observedValue({ max: 9 }, "max<=5"), 9);
    assert.equal(observedValue({ avg: 9 }, "p(99)<5"), undefined);
  });

  it("returns undefined for a missing or malformed export", () => {
    assert.equal(readSummary(fixture("nope.json")), undefined);
    assert.equal(readSummary(fixture("fake-k6.mjs")), undefined);
  });
});

const breached = readSummary(fixture("summary-breached.json"));
const passed = readSummary(fixture("summary-passed.json"));

describe("verdict from exit code and summary export", () => {
  const cases: [number | null, string | null, "passed" | "failed" | "error", RegExp][] = [
    [0, null, "passed", /every threshold held/],
    [99, null, "failed", /2 thresholds breached/],
    [104, null, "error", /exit 104: invalid options/],
    [105, null, "error", /exit 105: interrupted/],
    [107, null, "error", /exit 107: script error/],
    [108, null, "error", /exit 108: aborted by the script/],
    [110, null, "error", /exit 110: marked as failed/],
    [255, null, "error", /exit 255: command-line error/],
    [3, null, "error", /exit 3: unexpected exit code/],
    [null, "SIGKILL", "error", /killed by SIGKILL/],
  ];
  for (const [code, signal, verdict, reason] of cases) {
    it(`maps ${code ?? signal} to ${verdict}`, () => {
      const j = judge(code, signal, breached);
      assert.equal(j.verdict, verdict);
      assert.match(j.reason, reason);
    });
  }

  it("lists the breached thresholds of a failed scenario", () => {
    assert.deepEqual(judge(99, null, breached).breaches.map((b) => b.metric), ["ai_req_failed{phase:after}", "http_req_duration{phase:during,kind:chat,expected_response:false}"]);
  });

  it("trusts exit 0 over the export, as k6's users do", () => {
    const j = judge(0, null, breached);
    assert.equal(j.verdict, "passed");
    assert.deepEqual(j.breaches, []);
  });

  it("keeps exit 99 a failure when no export was written, and says so", () => {
    const j = judge(99, null, undefined);
    assert.equal(j.verdict, "failed");
    assert.match(j.reason, /the summary export names none/);
    assert.deepEqual(j.figures, {});
  });

  it("keeps key figures of a passing run", () => {
    assert.equal(judge(0, null, passed).figures.requests, 250);
  });

  it("names a run that never started", () => {
    assert.equal(describeExit(null), "did not run");
  });
});

// A fault that landed on nothing (issue 14): lib/ records `ai_fault_affected{fault:<id>}` (Counter)
// under a `count>=1` threshold and `ai_fault_landed{fault:<id>}` (Rate, 0 when the controller counted
// nothing affected), so plain k6 exits 99 for it; either breach reads as a landing one.
describe("a fault that landed on nothing", () => {
  const landed = (fault: string, passes: number, fails: number, breached: boolean) => ({
    [`ai_fault_landed{fault:${fault}}`]: { passes, fails, value: passes / (passes + fails), thresholds: { "rate==1": breached } },
  });

  it("is inconclusive when it is the only breach, naming the fault and its affected count from the export", () => {
    const j = judge(99, null, readSummary(fixture("summary-unlanded.json")));
    assert.equal(j.verdict, "inconclusive");
    assert.equal(j.reason, "the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs");
    assert.deepEqual(j.breaches, [{ metric: "ai_fault_landed{fault:disrupt#1}", threshold: "rate==1", observed: 0 }]);
  });

  it("is a failure when anything else breached too, whose reason says which fault also landed on nothing", () => {
    const j = judge(99, null, readSummary(fixture("summary-unlanded-breached.json")));
    assert.equal(j.verdict, "failed");
    // No ai_fault_affected in this export: a landing rate of 0 means every injection affected 0.
    assert.equal(j.reason, "2 thresholds breached; the fault disrupt#1 also landed on nothing (affected 0)");
    assert.deepEqual(j.breaches.map((b) => b.metric), ["ai_fault_landed{fault:disrupt#1}", "ai_req_failed{phase:after}"]);
  });

  it("names every fault that landed on nothing, with the injections that missed when some landed", () => {
    const summary: SummaryExport = { metrics: { ...landed("disrupt#1", 0, 1, true), ...landed("fallback#1", 1, 2, true), "ai_fault_affected{fault:fallback#1}": { count: 7 } } };
    const j = judge(99, null, summary);
    assert.equal(j.verdict, "inconclusive");
    assert.equal(j.reason, "the faults disrupt#1 (affected 0) and fallback#1 in 2 of its 3 injections (affected 7) landed on nothing: the service never sent their targets the traffic the scenario needs");
  });

  it("reads the count threshold lib/ writes (ai_fault_affected{fault:<id>} count>=1) as a landing breach too, one fault once", () => {
    const summary: SummaryExport = {
      metrics: {
        "ai_fault_affected{fault:disrupt#1}": { count: 0, rate: 0, thresholds: { "count>=1": true } },
        ...landed("disrupt#1", 0, 1, true),
      },
    };
    const j = judge(99, null, summary);
    assert.equal(j.verdict, "inconclusive");
    assert.equal(j.reason, "the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs");
    // A count never read (no sample at all) breaches just the same: an empty Counter is 0.
    const unread = judge(99, null, { metrics: { "ai_fault_affected{fault:disrupt#1}": { count: 0, rate: 0, thresholds: { "count>=1": true } } } });
    assert.equal(unread.verdict, "inconclusive");
  });

  // lib/faults/index.ts: the disrupt VU adds one ai_fault_landed sample per read, 0 when nothing was
  // affected; with none at 0, a held fault's count of 0 was never read, not read as 0.
  it("says a held fault's count was never read, not that it landed on nothing, when the run ended before the fault (abortOnFail)", () => {
    const unreadCount = { "ai_fault_affected{fault:disrupt#1}": { count: 0, rate: 0, thresholds: { "count>=1": true } } };
    const aborted = judge(99, null, { metrics: { ...unreadCount, ai_req_failed: { passes: 1642, fails: 0, value: 1, thresholds: { "rate<0.95": true } } } });
    assert.equal(aborted.verdict, "failed");
    assert.equal(aborted.reason, "2 thresholds breached; the count of the fault disrupt#1 was also never read (the run ended before it did): whether it landed is unknown");
    const alone = judge(99, null, { metrics: unreadCount });
    assert.equal(alone.verdict, "inconclusive");
    assert.equal(alone.reason, "the count of the fault disrupt#1 was never read (the run ended before it did): whether it landed is unknown");
    // Read as 0 by its disrupt VU (one ai_fault_landed sample at 0): it landed on nothing.
    const read = judge(99, null, { metrics: { ...unreadCount, ai_fault_landed: { passes: 0, fails: 1, value: 0 } } });
    assert.equal(read.reason, "the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs");
    // error-classes stopped early: its held fault unread, a class (counted by requests) never met.
    const mixed = judge(99, null, { metrics: { ...unreadCount, "ai_fault_affected{fault:408}": { count: 0, rate: 0, thresholds: { "count>=1": true } } } });
    assert.equal(mixed.reason, "the fault 408 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs; the count of the fault disrupt#1 was also never read (the run ended before it did): whether it landed is unknown");
    // error-classes' classes are counted by the requests, never read: 0 is a class never met.
    const klass = judge(99, null, { metrics: { "ai_fault_affected{fault:401_invalid_api_key}": { count: 0, rate: 0, thresholds: { "count>=1": true } } } });
    assert.equal(klass.reason, "the fault 401_invalid_api_key landed on nothing (affected 0): the service never sent that target the traffic the scenario needs");
  });

  it("reads another bound on what a fault affected (count<N: rate-limits' Retry-After honoured) as a failure, not a landing", () => {
    const summary: SummaryExport = { metrics: { "ai_fault_affected{fault:disrupt#1}": { count: 140, rate: 7, thresholds: { "count>=1": false, "count<36": true } } } };
    const j = judge(99, null, summary);
    assert.equal(j.verdict, "failed");
    assert.equal(j.reason, "1 threshold breached");
  });

  it("leaves the count out when the export cannot tell it", () => {
    assert.match(judge(99, null, { metrics: landed("disrupt#1", 1, 1, true) }).reason, /^the fault disrupt#1 landed on nothing in 1 of its 2 injections: /);
  });

  it("keeps exit 0 passed and other exit codes errors whatever the landing threshold says", () => {
    const summary = readSummary(fixture("summary-unlanded.json"));
    assert.equal(judge(0, null, summary).verdict, "passed");
    assert.equal(judge(107, null, summary).verdict, "error");
  });

  it("reads a threshold key's tags as k6 does: pairs on commas, the value after the first colon, spaces and quotes trimmed", () => {
    assert.deepEqual(parseMetricKey("ai_fault_landed{fault:disrupt#1}"), ["ai_fault_landed", { fault: "disrupt#1" }]);
    assert.deepEqual(parseMetricKey("http_req_duration{ phase:during, name:'a:b' }"), ["http_req_duration", { phase: "during", name: "a:b" }]);
    assert.deepEqual(parseMetricKey("http_reqs"), ["http_reqs", {}]);
  });
});

const end = (exitCode: number | null, signal: string | null, signalsSent: string[] = []) => ({ exitCode, signal, signalsSent });

describe("engineCrash", () => {
  it("calls a death by a signal the suite did not send a crash, saying whether a summary was left", () => {
    assert.equal(engineCrash(end(null, "SIGKILL"), false), "engine killed by SIGKILL, no summary");
    assert.equal(engineCrash(end(null, "SIGSEGV", ["SIGINT"]), true), "engine killed by SIGSEGV, summary export written");
  });

  it("does not call a death by the suite's own signal (Ctrl-C forwarded, watchdog) a crash", () => {
    assert.equal(engineCrash(end(null, "SIGINT", ["SIGINT"]), false), undefined);
    assert.equal(engineCrash(end(null, "SIGKILL", ["SIGINT", "SIGKILL"]), false), undefined);
  });

  it("calls k6's panic code and exit codes k6 never uses crashes", () => {
    assert.equal(engineCrash(end(109, null), false), "engine panicked (exit 109), no summary");
    assert.equal(engineCrash(end(1, null), false), "engine crashed (exit 1, not a k6 exit code), no summary");
    assert.equal(engineCrash(end(137, null), false), "engine crashed (exit 137, as a shell reports a process killed by SIGKILL), no summary");
  });

  it("leaves k6's own outcomes alone, a shell wrapper's report of our Ctrl-C included", () => {
    for (const code of [0, 99, 104, 105, 107, 108, 110, 255]) assert.equal(engineCrash(end(code, null), false), undefined, `exit ${code}`);
    assert.equal(engineCrash(end(130, null, ["SIGINT"]), false), undefined);
  });

  it("reads a shell's 128 + N as signal N, and nothing else", () => {
    assert.deepEqual([shellSignal(137), shellSignal(130), shellSignal(143)], ["SIGKILL", "SIGINT", "SIGTERM"]);
    assert.deepEqual([shellSignal(128), shellSignal(1), shellSignal(255)], [undefined, undefined, undefined]);
  });
});

const result = (verdict: Verdict): ScenarioResult => ({ name: verdict, category: "baseline", verdict, exitCode: 0, reason: "", breaches: [], figures: {}, durationMs: 1, files: [] });
const complete = { interrupted: false, complete: true };

describe("suite exit code", () => {
  it("is 0 when every scenario passed", () => assert.equal(suiteExitCode([result("passed"), result("passed")], complete), 0));
  it("is 99 when every non-passing scenario breached thresholds", () => assert.equal(suiteExitCode([result("passed"), result("failed")], complete), 99));
  it("is 3 when the worst is an inconclusive scenario, never 0", () => assert.equal(suiteExitCode([result("passed"), result("inconclusive")], complete), 3));
  it("ranks failed over inconclusive, and an error over both", () => {
    assert.equal(suiteExitCode([result("inconclusive"), result("failed")], complete), 99);
    assert.equal(suiteExitCode([result("inconclusive"), result("failed"), result("error")], complete), 1);
  });
  it("is 105 when interrupted, even with an inconclusive scenario", () => assert.equal(suiteExitCode([result("inconclusive")], { interrupted: true, complete: false }), 105));
  it("is 1 when any scenario errored, even beside breaches", () => assert.equal(suiteExitCode([result("failed"), result("error")], complete), 1));
  it("is 1 when the run stopped early without an interruption", () => assert.equal(suiteExitCode([result("passed")], { interrupted: false, complete: false }), 1));
  it("is 105 when interrupted, whatever ran", () => assert.equal(suiteExitCode([result("passed"), result("skipped")], { interrupted: true, complete: false }), 105));
  it("is 1 when nothing ran", () => assert.equal(suiteExitCode([], complete), 1));
});
