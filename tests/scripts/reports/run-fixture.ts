// RunRecords shared by the report writers' tests: one with a scenario of each verdict but
// inconclusive, one inconclusive run, one whose scenarios recorded the LLM figures (but one).
import type { RunRecord } from "../../../scripts/chaos/types.ts";

/** passed, failed (two breaches), error (exit 107 with ANSI-coloured stderr), skipped. */
export function sampleRun(): RunRecord {
  return {
    id: "2025-11-26T19-18-03Z",
    startedAt: "2025-11-26T19:18:03.123Z",
    finishedAt: "2025-11-26T19:20:10.456Z",
    profile: "smoke",
    engine: "Node runner (no k6 on PATH)",
    target: { baseUrl: "http://127.0.0.1:8080", faultsUrl: "http://127.0.0.1:7070", localStack: true, fragile: ["fallback"] },
    complete: false,
    stoppedBy: "interrupted",
    exitCode: 105,
    scenarios: [
      { name: "baseline", category: "baseline", verdict: "passed", exitCode: 0, reason: "every threshold held", breaches: [], figures: { requests: 250, errorRate: 0, p95Ms: 178.25, ttftP95Ms: 71.5 }, durationMs: 27_400, files: ["baseline/summary.json", "baseline/stdout.txt"] },
      {
        name: "provider-outage", category: "dependency-chaos", verdict: "failed", exitCode: 99, reason: "2 thresholds breached",
        breaches: [
          { metric: "ai_req_failed{phase:after}", threshold: "rate<0.01", observed: 0.06 },
          { metric: "http_req_duration{phase:during,kind:chat,expected_response:false}", threshold: "p(95)<1000", observed: 3200 },
        ],
        figures: { requests: 300, errorRate: 0.1, p95Ms: 1200, ttftP95Ms: 512, recoverySeconds: 4.2 }, durationMs: 31_000, files: ["provider-outage/summary.json"],
      },
      { name: "slow-network", category: "network-chaos", verdict: "error", exitCode: 107, reason: "exit 107: script error (an exception in init, setup or teardown)", breaches: [], figures: {}, durationMs: 1_200, stderrTail: "\u001b[31mERRO\u001b[0m <init> failed & stopped \u0007bell", files: [] },
      { name: "pod-failure", category: "pod-failure", verdict: "skipped", exitCode: null, reason: "not run: interrupted", breaches: [], figures: {}, durationMs: 0, files: [] },
    ],
  };
}

/** A complete run with exit 3: baseline passed, provider-outage inconclusive (its fault landed on nothing). */
export function inconclusiveRun(): RunRecord {
  const run = sampleRun();
  const reason = "the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs";
  run.scenarios = [
    run.scenarios[0]!,
    { ...run.scenarios[1]!, verdict: "inconclusive", reason, breaches: [{ metric: "ai_fault_landed{fault:disrupt#1}", threshold: "rate==1", observed: 0 }], figures: { requests: 262, errorRate: 0 } },
  ];
  Object.assign(run, { exitCode: 3, complete: true, stoppedBy: undefined });
  return run;
}

/**
 * A complete run with exit 99 and LLM figures: baseline passed (amplification 1.00× in every phase),
 * provider-outage failed on `ai_upstream_amplification{phase:during}` (3.10×, over `max<=2`), and
 * pod-failure passed from an older summary export that has no LLM metric at all.
 */
export function llmRun(): RunRecord {
  const run = sampleRun();
  const [baseline, outage] = run.scenarios;
  run.scenarios = [
    { ...baseline!, figures: { ...baseline!.figures, goodput: 0.995, outputTokensPerSecond: 96.04, itlP95Ms: 21.6, amplification: { before: 1, during: 1, after: 1 } } },
    {
      ...outage!, reason: "1 threshold breached",
      breaches: [{ metric: "ai_upstream_amplification{phase:during}", threshold: "max<=2", observed: 3.1 }],
      figures: { requests: 264, errorRate: 0.05, p95Ms: 702.5, ttftP95Ms: 240, goodput: 0.9208333333333333, outputTokensPerSecond: 411.5, itlP95Ms: 38.4, amplification: { before: 1, during: 3.1, after: 1.02 } },
    },
    { name: "pod-failure", category: "pod-failure", verdict: "passed", exitCode: 0, reason: "every threshold held", breaches: [], figures: { requests: 240, errorRate: 0 }, durationMs: 25_000, files: [] },
  ];
  Object.assign(run, { exitCode: 99, complete: true, stoppedBy: undefined });
  return run;
}
