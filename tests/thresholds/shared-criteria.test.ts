import assert from "node:assert/strict";
import { test } from "node:test";
import { compose, k6Thresholds as k6 } from "../../thresholds/criteria.ts";
import { answersWithinDeadline, maskedErrors } from "../../thresholds/degradation.ts";
import { faultCriteria, maskedFaultCriteria, overloadCriteria, steadyCriteria } from "../../thresholds/shared-criteria.ts";
import { SLO_DEFAULTS } from "../../thresholds/slo.ts";
import { degradedLatency } from "../../thresholds/steady-state.ts";

const run = { requestTimeoutMs: 20_000, delayAbortEval: "12s" };

test("a masked fault holds failures before an answer started to the masked budget, and all failures to the general one", () => {
  const slo = { ...SLO_DEFAULTS, maskedErrorRate: 0.03 };
  const t = k6(maskedFaultCriteria(slo, run));
  assert.deepEqual(t["ai_req_unanswered{phase:during}"], ["rate<0.03"]);
  assert.deepEqual(t["ai_req_failed{phase:during}"], [`rate<${slo.errorBudgetDuring}`]);
});

test("a masked fault is the shared criteria plus the masked budget and the degraded-latency median, key for key and in order", () => {
  const slo = { ...SLO_DEFAULTS, maskedErrorRate: 0.03 };
  const expected = compose(faultCriteria(slo, run), maskedErrors(slo), degradedLatency(slo));
  assert.deepEqual(Object.entries(k6(maskedFaultCriteria(slo, run))), Object.entries(k6(expected)));
});

test("withinDeadline adds the deadline on every workload answer, after the rest", () => {
  const slo = { ...SLO_DEFAULTS, maskedErrorRate: 0.03 };
  const t = k6(maskedFaultCriteria(slo, run, { withinDeadline: true }));
  assert.deepEqual(Object.entries(t), Object.entries(k6(compose(maskedFaultCriteria(slo, run), answersWithinDeadline(slo)))));
  assert.ok(t["http_req_duration{kind:chat}"]?.includes(`max<${slo.deadlineMs}`));
  assert.equal(k6(maskedFaultCriteria(slo, run))["http_req_duration{kind:chat}"]?.includes(`max<${slo.deadlineMs}`), false);
});

test("the masked budget's number is recorded as the SLO's maskedErrorRate", () => {
  const budget = maskedFaultCriteria({ ...SLO_DEFAULTS, maskedErrorRate: 0.03 }, run).find((c) => c.metric === "ai_req_unanswered{phase:during}");
  assert.deepEqual(budget, { metric: "ai_req_unanswered{phase:during}", expression: "rate<0.03", slo: { key: "maskedErrorRate", value: 0.03 } });
});

test("an overload has no error budget during the fault: shedding fails requests on purpose", () => {
  assert.equal("ai_req_failed{phase:during}" in k6(overloadCriteria(SLO_DEFAULTS, { ...run, maxErrorRate: 0.1 })), false);
});

test("an overload judges shed long streams too: fast failure, and no long stream held past the max duration", () => {
  const slo = SLO_DEFAULTS;
  const t = k6(overloadCriteria(slo, run));
  assert.deepEqual(t["http_req_duration{phase:during,kind:long_stream,expected_response:false}"], [`p(95)<${slo.fastFailureP95Ms}`]);
  assert.deepEqual(t["http_req_duration{kind:long_stream}"], [`max<${slo.maxDurationMs}`]);
});

test("admitted requests keep the latency and TTFT SLO during the overload", () => {
  const slo = SLO_DEFAULTS;
  const t = k6(overloadCriteria(slo, run));
  assert.deepEqual(t["http_req_duration{phase:during,kind:chat,expected_response:true}"], [`p(95)<${slo.latencyP95Ms}`]);
  assert.deepEqual(t["ai_ttft{phase:during}"], [`p(95)<${slo.ttftP95Ms}`]);
});

test("mustSaturate requires a 429, placed right after the shared criteria", () => {
  const slo = SLO_DEFAULTS;
  assert.equal("ai_errors{class:429}" in k6(overloadCriteria(slo, run)), false);
  const keys = Object.keys(k6(overloadCriteria(slo, run, { mustSaturate: true })));
  const shared = Object.keys(k6(overloadCriteria(slo, run))).indexOf("http_req_duration{phase:during,kind:chat,expected_response:false}");
  assert.equal(keys[shared], "ai_errors{class:429}");
});

test("a run with no injected fault keeps the normal SLO in every phase, has nothing to recover from, and hangs in none of its kinds", () => {
  const slo = SLO_DEFAULTS;
  const t = k6(steadyCriteria(slo, 20_000, ["chat", "invalid"]));
  assert.deepEqual(t["ai_req_failed{phase:during}"], [`rate<${slo.errorRateAfter}`]);
  assert.deepEqual(t["ai_ttft{phase:during}"], [`p(95)<${slo.ttftP95Ms}`]);
  assert.deepEqual(t["http_req_duration{kind:invalid}"], [`max<${slo.maxDurationMs}`]);
  for (const key of ["ai_recoveries", "ai_req_unanswered{phase:during}", "http_req_duration{kind:chat_stream}"]) assert.equal(key in t, false, key);
  for (const key of ["ai_errors_well_formed", "ai_stream_complete", "ai_service_alive{probe:final}", "dropped_iterations"]) assert.ok(key in t, key);
});
