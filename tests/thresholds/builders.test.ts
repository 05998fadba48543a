import assert from "node:assert/strict";
import { test } from "node:test";
import { compose, k6Thresholds, submetric, type Criteria } from "../../thresholds/criteria.ts";
import {
  answeredAsExpected, answersWithinDeadline, boundedDegradation, fastFailure, maskedErrors, noHangs, noServerErrors, saturationReached, streamIntegrity, upstreamAmplification, wellFormedErrors,
} from "../../thresholds/degradation.ts";
import { faultCriteria } from "../../thresholds/shared-criteria.ts";
import { faultsLanded, loadIntegrity, recovery, safetyAborts, serviceAlive } from "../../thresholds/recovery.ts";
import { SLO_DEFAULTS, type Slo, type SloKey } from "../../thresholds/slo.ts";
import { answerLatency, degradedLatency, llmLatency, steadyState } from "../../thresholds/steady-state.ts";

const slo = SLO_DEFAULTS;
// What k6 gets: the `thresholds` object the criteria are written as.
const k6 = k6Thresholds;
const keysOf = (t: Criteria) => Object.keys(k6(t));

test("submetric keys follow k6's metric{tag:value,...} form", () => {
  assert.equal(submetric("ai_req_failed", { phase: "before" }), "ai_req_failed{phase:before}");
  assert.equal(submetric("http_req_duration", { phase: "after", kind: "chat" }), "http_req_duration{phase:after,kind:chat}");
  assert.equal(submetric("ai_ttft"), "ai_ttft");
});

test("steady state judges before and after: error rate and p95 latency per workload kind", () => {
  const t = k6(steadyState({ ...slo, errorRateBefore: 0.01, errorRateAfter: 0.02, latencyP95Ms: 900 }));
  assert.deepEqual(t["ai_req_failed{phase:before}"], ["rate<0.01"]);
  assert.deepEqual(t["ai_req_failed{phase:after}"], ["rate<0.02"]);
  assert.deepEqual(t["http_req_duration{phase:before,kind:chat_stream,expected_response:true}"], ["p(95)<900"]);
  assert.equal(Object.keys(t).some((k) => k.includes("phase:during")), false);
});

test("no builder ever selects control-plane or probe traffic", () => {
  const all = compose(steadyState(slo), llmLatency(slo), boundedDegradation(slo), wellFormedErrors(slo), streamIntegrity(slo), noHangs(slo, 20_000), fastFailure(slo));
  for (const key of keysOf(all)) {
    assert.equal(/kind:(control|probe)/.test(key), false, key);
    if (key.startsWith("http_req_")) assert.match(key, /kind:chat/, `${key} must be filtered to workload kinds`);
  }
});

test("the masked budget judges failures before an answer started, during the fault only", () => {
  assert.deepEqual(k6(maskedErrors({ ...slo, maskedErrorRate: 0.04 })), { "ai_req_unanswered{phase:during}": ["rate<0.04"] });
});

test("bounded degradation uses the error budget unless the scenario gives its own", () => {
  assert.deepEqual(k6(boundedDegradation(slo)), { "ai_req_failed{phase:during}": [`rate<${slo.errorBudgetDuring}`] });
  assert.deepEqual(k6(boundedDegradation(slo, { maxErrorRate: 1 })), { "ai_req_failed{phase:during}": ["rate<1"] });
});

test("no hangs: zero client timeouts and a max duration that must sit below the client timeout", () => {
  const t = k6(noHangs({ ...slo, maxDurationMs: 15_000 }, 20_000));
  assert.deepEqual(t["ai_errors{class:timeout}"], ["count<1"]);
  assert.deepEqual(t["http_req_duration{kind:chat}"], ["max<15000"]);
  assert.throws(() => noHangs({ ...slo, maxDurationMs: 20_000 }, 20_000), /must be below REQUEST_TIMEOUT/);
});

test("fast failure looks at unexpected answers during the fault only", () => {
  assert.deepEqual(keysOf(fastFailure(slo)), [
    "http_req_duration{phase:during,kind:chat,expected_response:false}",
    "http_req_duration{phase:during,kind:chat_stream,expected_response:false}",
  ]);
});

test("recovery cannot pass vacuously: it also needs at least one recovery", () => {
  assert.deepEqual(k6(recovery({ ...slo, recoverySecondsMax: 12 })), { ai_recovery_seconds: ["max<=12"], ai_recoveries: ["count>=1"] });
});

test("safety aborts carry abortOnFail and the given delayAbortEval", () => {
  const t = k6(safetyAborts(slo, "20s"));
  assert.deepEqual(t.ai_req_failed, [{ threshold: `rate<${slo.abortErrorRate}`, abortOnFail: true, delayAbortEval: "20s" }]);
  assert.deepEqual(t.ai_service_alive, [{ threshold: `rate>=${slo.abortAliveRate}`, abortOnFail: true, delayAbortEval: "20s" }]);
});

test("compose merges expressions of one key instead of letting the last set win", () => {
  const t = k6(compose(serviceAlive(slo), safetyAborts(slo, "20s"), serviceAlive(slo), loadIntegrity(slo)));
  assert.equal(t.ai_service_alive?.length, 2);
  assert.deepEqual(t.dropped_iterations, ["count<=0"]);
  assert.deepEqual(t["ai_service_alive{probe:final}"], ["rate==1"]);
});

test("every expression uses an aggregation its metric type supports", () => {
  const all = compose(steadyState(slo), llmLatency(slo), boundedDegradation(slo), wellFormedErrors(slo), streamIntegrity(slo),
    noHangs(slo, 20_000), fastFailure(slo), recovery(slo), serviceAlive(slo), safetyAborts(slo, "1s"), loadIntegrity(slo),
    answersWithinDeadline(slo), noServerErrors(), answeredAsExpected(slo, "invalid"), saturationReached(), degradedLatency(slo),
    fastFailure(slo, undefined, { typical: true }), wellFormedErrors(slo, { phases: ["before"] }), maskedErrors(slo), faultCriteria(slo, { requestTimeoutMs: 20_000, delayAbortEval: "1s" }),
    faultsLanded(["disrupt#1"]), upstreamAmplification(slo));
  const rates = ["ai_req_failed", "ai_req_unanswered", "ai_errors_well_formed", "ai_stream_complete", "ai_service_alive", "ai_fault_landed"];
  const counters = ["ai_errors", "ai_recoveries", "dropped_iterations", "ai_fault_affected"];
  for (const [key, list] of Object.entries(k6(all))) {
    const metric = key.split("{")[0] ?? key;
    for (const item of list) {
      const expr = typeof item === "string" ? item : item.threshold;
      const method = expr.split(/[<>=!]/)[0] ?? "";
      if (rates.includes(metric)) assert.equal(method, "rate", `${key}: ${expr}`);
      else if (counters.includes(metric)) assert.equal(method, "count", `${key}: ${expr}`);
      else assert.match(method, /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/, `${key}: ${expr}`);
    }
  }
});

test("answers within the deadline: max duration per kind under deadlineMs", () => {
  assert.deepEqual(k6(answersWithinDeadline({ ...slo, deadlineMs: 7_000 }, ["over_deadline"])), { "http_req_duration{kind:over_deadline}": ["max<7000"] });
  // A stream's deadline is its wait for the first byte: a trickle after it is the idle timeout's to judge.
  assert.deepEqual(k6(answersWithinDeadline({ ...slo, deadlineMs: 7_000 })), { "http_req_duration{kind:chat}": ["max<7000"], "http_req_waiting{kind:chat_stream}": ["max<7000"] });
});

test("degraded latency judges the median answer during the fault; answer latency judges any phase", () => {
  assert.deepEqual(k6(degradedLatency({ ...slo, degradedLatencyP50Ms: 2_000 }, ["chat"])), { "http_req_duration{phase:during,kind:chat,expected_response:true}": ["med<2000"] });
  assert.deepEqual(keysOf(answerLatency(slo, { phases: ["during"] })), [
    "http_req_duration{phase:during,kind:chat,expected_response:true}",
    "http_req_duration{phase:during,kind:chat_stream,expected_response:true}",
  ]);
});

test("fast failure can judge the typical failure (median) instead of p95", () => {
  const t = k6(fastFailure({ ...slo, fastFailureP50Ms: 400 }, ["chat"], { typical: true }));
  assert.deepEqual(t, { "http_req_duration{phase:during,kind:chat,expected_response:false}": ["med<400"] });
});

test("no 5xx, expected answers per kind, and a surge that reached capacity are counters and rates that can fail", () => {
  assert.deepEqual(k6(noServerErrors()), { "ai_errors{class:5xx}": ["count<1"] });
  assert.deepEqual(k6(answeredAsExpected({ ...slo, errorRateBefore: 0.01 }, "invalid")), { "ai_req_failed{kind:invalid}": ["rate<0.01"] });
  assert.deepEqual(k6(saturationReached()), { "ai_errors{class:429}": ["count>=1"] });
});

test("well-formed errors can be judged per phase", () => {
  assert.deepEqual(keysOf(wellFormedErrors(slo, { phases: ["before", "after"] })), ["ai_errors_well_formed{phase:before}", "ai_errors_well_formed{phase:after}"]);
});

test("fault criteria: the shared set, with the scenario's error budget, none, or cuts judged apart", () => {
  const run = { requestTimeoutMs: 20_000, delayAbortEval: "15s" };
  const t = k6(faultCriteria(slo, { ...run, maxErrorRate: 0.02 }));
  assert.deepEqual(t["ai_req_failed{phase:during}"], ["rate<0.02"]);
  for (const key of ["ai_req_failed{phase:before}", "ai_errors_well_formed", "ai_errors{class:stream_cut}", "ai_recoveries", "ai_service_alive{probe:final}", "dropped_iterations"]) {
    assert.ok(key in t, key);
  }
  assert.equal("ai_req_failed{phase:during}" in k6(faultCriteria(slo, { ...run, maxErrorRate: null })), false);
  const cuts = k6(faultCriteria(slo, { ...run, cutsInFlight: true }));
  assert.equal("ai_errors_well_formed" in cuts, false);
  assert.ok("ai_errors_well_formed{phase:after}" in cuts);
});

test("every expression says which SLO key its number came from; fixed ones and a scenario's own limits say none", () => {
  // A distinct value per key, so that a number names its key without doubt.
  const keys = Object.keys(SLO_DEFAULTS) as SloKey[];
  const distinct = Object.fromEntries(keys.map((key, i) => [key, SLO_DEFAULTS[key] + (i + 1) / 1_000_000])) as Slo;
  const all = compose(faultCriteria(distinct, { requestTimeoutMs: 20_000, delayAbortEval: "1s" }), fastFailure(distinct), fastFailure(distinct, ["chat"], { typical: true }),
    answersWithinDeadline(distinct), answeredAsExpected(distinct, "invalid"), degradedLatency(distinct), maskedErrors(distinct), answerLatency(distinct, { phases: ["during"] }),
    noServerErrors(), saturationReached(), boundedDegradation(distinct, { maxErrorRate: 0.5 }), faultsLanded(["disrupt#1"]), upstreamAmplification(distinct));
  const recorded = new Set<string>();
  for (const c of all) {
    const number = Number(/[\d.]+$/.exec(c.expression)?.[0]);
    if (c.slo) {
      assert.equal(number, distinct[c.slo.key as SloKey], `${c.metric} ${c.expression} from ${c.slo.key}`);
      assert.equal(c.slo.value, number);
      recorded.add(c.slo.key);
    } else {
      assert.equal(Object.values(distinct).includes(number), false, `${c.metric} ${c.expression} uses an SLO number without naming its key`);
    }
  }
  assert.ok(all.some((c) => c.metric === "ai_req_failed{phase:during}" && c.expression === "rate<0.5" && c.slo === undefined), "the scenario's own limit");
  assert.ok(all.some((c) => c.expression === "count<1" && c.slo === undefined), "a fixed expression");
  assert.ok(recorded.size >= 15, `SLO keys recorded: ${[...recorded].join(", ")}`);
});

test("a fault that kills the service's own processes judges stream integrity before and after it only", () => {
  const cuts = k6(faultCriteria(slo, { requestTimeoutMs: 20_000, delayAbortEval: "15s", cutsInFlight: true }));
  for (const key of ["ai_stream_complete", "ai_errors{class:stream_cut}"]) assert.equal(key in cuts, false, key);
  // Per phase, no silent cut and no corrupt stream at all: a 1 % rate could not be judged on a phase's streams.
  assert.equal("ai_stream_complete{phase:before}" in cuts, false);
  assert.deepEqual(cuts["ai_errors{class:stream_cut,phase:before}"], ["count<1"]);
  assert.deepEqual(cuts["ai_errors{class:stream_cut,phase:after}"], ["count<1"]);
  assert.deepEqual(cuts["ai_errors{class:corrupt,phase:after}"], ["count<1"]);
  assert.equal(Object.keys(cuts).some((k) => k.includes("stream") && k.includes("phase:during")), false);
});

test("compose keeps one of two equal entries, the first; k6Thresholds writes the abort form only for aborts", () => {
  const twice = compose(maskedErrors(slo), maskedErrors({ ...slo }), safetyAborts(slo, "3s"));
  assert.equal(twice.filter((c) => c.metric === "ai_req_unanswered{phase:during}").length, 1);
  assert.deepEqual(k6(twice)["ai_req_unanswered{phase:during}"], [`rate<${slo.maskedErrorRate}`]);
  assert.deepEqual(k6(twice).ai_service_alive, [{ threshold: `rate>=${slo.abortAliveRate}`, abortOnFail: true, delayAbortEval: "3s" }]);
});

test("every fault must have landed: one fixed count>=1 of what it affected per fault id, tagged as the disrupt VU records it (an unread count breaches)", () => {
  assert.deepEqual(faultsLanded(["disrupt#1", "disrupt-2#1"]), [
    { metric: "ai_fault_affected{fault:disrupt#1}", expression: "count>=1" },
    { metric: "ai_fault_affected{fault:disrupt-2#1}", expression: "count>=1" },
  ]);
  assert.deepEqual(faultsLanded([]), []);
});

test("retry amplification: one sample per phase judged by max, the fault's budget during it and the steady one before and after", () => {
  assert.deepEqual(k6(upstreamAmplification({ ...slo, amplificationDuringMax: 2.5, amplificationSteadyMax: 1.1 })), {
    "ai_upstream_amplification{phase:before}": ["max<1.1"],
    "ai_upstream_amplification{phase:during}": ["max<2.5"],
    "ai_upstream_amplification{phase:after}": ["max<1.1"],
  });
  assert.deepEqual(keysOf(upstreamAmplification(slo, ["during"])), ["ai_upstream_amplification{phase:during}"]);
});
