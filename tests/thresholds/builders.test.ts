import assert from "node:assert/strict";
import { test } from "node:test";
import {
  answeredAsExpected, answerLatency, answersWithinDeadline, boundedDegradation, compose, degradedLatency, fastFailure, faultCriteria, llmLatency,
  loadIntegrity, maskedErrors, noHangs, noServerErrors, recovery, safetyAborts, saturationReached, serviceAlive, SLO_DEFAULTS, steadyState, streamIntegrity,
  submetric, wellFormedErrors,
} from "../../thresholds/index.ts";

const slo = SLO_DEFAULTS;
const keysOf = (t: object) => Object.keys(t);

test("submetric keys follow k6's metric{tag:value,...} form", () => {
  assert.equal(submetric("ai_req_failed", { phase: "before" }), "ai_req_failed{phase:before}");
  assert.equal(submetric("http_req_duration", { phase: "after", kind: "chat" }), "http_req_duration{phase:after,kind:chat}");
  assert.equal(submetric("ai_ttft"), "ai_ttft");
});

test("steady state judges before and after: error rate and p95 latency per workload kind", () => {
  const t = steadyState({ ...slo, errorRateBefore: 0.01, errorRateAfter: 0.02, latencyP95Ms: 900 });
  assert.deepEqual(t["ai_req_failed{phase:before}"], ["rate<0.01"]);
  assert.deepEqual(t["ai_req_failed{phase:after}"], ["rate<0.02"]);
  assert.deepEqual(t["http_req_duration{phase:before,kind:chat_stream,expected_response:true}"], ["p(95)<900"]);
  assert.equal(keysOf(t).some((k) => k.includes("phase:during")), false);
});

test("no builder ever selects control-plane or probe traffic", () => {
  const all = compose(steadyState(slo), llmLatency(slo), boundedDegradation(slo), wellFormedErrors(slo), streamIntegrity(slo), noHangs(slo, 20_000), fastFailure(slo));
  for (const key of keysOf(all)) {
    assert.equal(/kind:(control|probe)/.test(key), false, key);
    if (key.startsWith("http_req_")) assert.match(key, /kind:chat/, `${key} must be filtered to workload kinds`);
  }
});

test("the masked budget judges failures before an answer started, during the fault only", () => {
  assert.deepEqual(maskedErrors({ ...slo, maskedErrorRate: 0.04 }), { "ai_req_unanswered{phase:during}": ["rate<0.04"] });
});

test("bounded degradation uses the error budget unless the scenario gives its own", () => {
  assert.deepEqual(boundedDegradation(slo), { "ai_req_failed{phase:during}": [`rate<${slo.errorBudgetDuring}`] });
  assert.deepEqual(boundedDegradation(slo, { maxErrorRate: 1 }), { "ai_req_failed{phase:during}": ["rate<1"] });
});

test("no hangs: zero client timeouts and a max duration that must sit below the client timeout", () => {
  const t = noHangs({ ...slo, maxDurationMs: 15_000 }, 20_000);
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
  assert.deepEqual(recovery({ ...slo, recoverySecondsMax: 12 }), { ai_recovery_seconds: ["max<=12"], ai_recoveries: ["count>=1"] });
});

test("safety aborts carry abortOnFail and the given delayAbortEval", () => {
  const t = safetyAborts(slo, "20s");
  assert.deepEqual(t.ai_req_failed, [{ threshold: `rate<${slo.abortErrorRate}`, abortOnFail: true, delayAbortEval: "20s" }]);
  assert.deepEqual(t.ai_service_alive, [{ threshold: `rate>=${slo.abortAliveRate}`, abortOnFail: true, delayAbortEval: "20s" }]);
});

test("compose merges expressions of one key instead of letting the last set win", () => {
  const t = compose(serviceAlive(slo), safetyAborts(slo, "20s"), serviceAlive(slo), loadIntegrity(slo));
  assert.equal(t.ai_service_alive?.length, 2);
  assert.deepEqual(t.dropped_iterations, ["count<=0"]);
  assert.deepEqual(t["ai_service_alive{probe:final}"], ["rate==1"]);
});

test("every expression uses an aggregation its metric type supports", () => {
  const all = compose(steadyState(slo), llmLatency(slo), boundedDegradation(slo), wellFormedErrors(slo), streamIntegrity(slo),
    noHangs(slo, 20_000), fastFailure(slo), recovery(slo), serviceAlive(slo), safetyAborts(slo, "1s"), loadIntegrity(slo),
    answersWithinDeadline(slo), noServerErrors(), answeredAsExpected(slo, "invalid"), saturationReached(), degradedLatency(slo),
    fastFailure(slo, undefined, { typical: true }), wellFormedErrors(slo, { phases: ["before"] }), maskedErrors(slo), faultCriteria(slo, { requestTimeoutMs: 20_000, delayAbortEval: "1s" }));
  const rates = ["ai_req_failed", "ai_req_unanswered", "ai_errors_well_formed", "ai_stream_complete", "ai_service_alive"];
  const counters = ["ai_errors", "ai_recoveries", "dropped_iterations"];
  for (const [key, list] of Object.entries(all)) {
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
  assert.deepEqual(answersWithinDeadline({ ...slo, deadlineMs: 7_000 }, ["over_deadline"]), { "http_req_duration{kind:over_deadline}": ["max<7000"] });
});

test("degraded latency judges the median answer during the fault; answer latency judges any phase", () => {
  assert.deepEqual(degradedLatency({ ...slo, degradedLatencyP50Ms: 2_000 }, ["chat"]), { "http_req_duration{phase:during,kind:chat,expected_response:true}": ["med<2000"] });
  assert.deepEqual(keysOf(answerLatency(slo, { phases: ["during"] })), [
    "http_req_duration{phase:during,kind:chat,expected_response:true}",
    "http_req_duration{phase:during,kind:chat_stream,expected_response:true}",
  ]);
});

test("fast failure can judge the typical failure (median) instead of p95", () => {
  const t = fastFailure({ ...slo, fastFailureP50Ms: 400 }, ["chat"], { typical: true });
  assert.deepEqual(t, { "http_req_duration{phase:during,kind:chat,expected_response:false}": ["med<400"] });
});

test("no 5xx, expected answers per kind, and a surge that reached capacity are counters and rates that can fail", () => {
  assert.deepEqual(noServerErrors(), { "ai_errors{class:5xx}": ["count<1"] });
  assert.deepEqual(answeredAsExpected({ ...slo, errorRateBefore: 0.01 }, "invalid"), { "ai_req_failed{kind:invalid}": ["rate<0.01"] });
  assert.deepEqual(saturationReached(), { "ai_errors{class:429}": ["count>=1"] });
});

test("well-formed errors can be judged per phase", () => {
  assert.deepEqual(keysOf(wellFormedErrors(slo, { phases: ["before", "after"] })), ["ai_errors_well_formed{phase:before}", "ai_errors_well_formed{phase:after}"]);
});

test("fault criteria: the shared set, with the scenario's error budget, none, or cuts judged apart", () => {
  const run = { requestTimeoutMs: 20_000, delayAbortEval: "15s" };
  const t = faultCriteria(slo, { ...run, maxErrorRate: 0.02 });
  assert.deepEqual(t["ai_req_failed{phase:during}"], ["rate<0.02"]);
  for (const key of ["ai_req_failed{phase:before}", "ai_errors_well_formed", "ai_errors{class:stream_cut}", "ai_recoveries", "ai_service_alive{probe:final}", "dropped_iterations"]) {
    assert.ok(key in t, key);
  }
  assert.equal("ai_req_failed{phase:during}" in faultCriteria(slo, { ...run, maxErrorRate: null }), false);
  const cuts = faultCriteria(slo, { ...run, cutsInFlight: true });
  assert.equal("ai_errors_well_formed" in cuts, false);
  assert.ok("ai_errors_well_formed{phase:after}" in cuts);
});
