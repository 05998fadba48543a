import assert from "node:assert/strict";
import { test } from "node:test";
import { compose, k6Thresholds } from "../../thresholds/criteria.ts";
import {
  errorClassesHandled, maskedErrorsWhere, openAnswersBound, orphanedGenerations, parseableAnswers, rateLimitedAnswers, retryAfterHonoured, stalledStreamsEnd,
} from "../../thresholds/llm-failures.ts";
import { SLO_DEFAULTS } from "../../thresholds/slo.ts";

const slo = SLO_DEFAULTS;
const k6 = k6Thresholds;

test("a stalled stream must end within stalledStreamEndMs of its first byte: max of http_req_receiving per stream kind", () => {
  assert.deepEqual(k6(stalledStreamsEnd({ ...slo, stalledStreamEndMs: 2_500 })), { "http_req_receiving{kind:chat_stream}": ["max<2500"] });
  assert.deepEqual(stalledStreamsEnd(slo)[0]?.slo, { key: "stalledStreamEndMs", value: 3_000 });
});

test("no bytes the client cannot parse: not one malformed answer", () => {
  assert.deepEqual(k6(parseableAnswers()), { "ai_errors{class:malformed}": ["count<1"] });
});

test("a window of the fault is judged by its tag: the masked budget, and rate limits that reached clients fast as 429s, never a 5xx", () => {
  assert.deepEqual(k6(maskedErrorsWhere(slo, { limited: "primary" })), { "ai_req_unanswered{limited:primary}": [`rate<${slo.maskedErrorRate}`] });
  assert.deepEqual(k6(rateLimitedAnswers({ ...slo, fastFailureP95Ms: 900 }, { limited: "all" }, { kinds: ["chat"] })), {
    "ai_errors{limited:all,class:429}": ["count>=1"],
    "ai_errors{limited:all,class:5xx}": ["count<1"],
    "http_req_duration{limited:all,kind:chat,expected_response:false}": ["p(95)<900"],
  });
  assert.equal("ai_errors{limited:all,class:429}" in k6(rateLimitedAnswers(slo, { limited: "all" }, { injected: false })), false, "SKIP_FAULTS=1 limits nothing");
});

test("Retry-After honoured: the 429s a fault answered stay under 15 % of the requests sent while it held", () => {
  assert.deepEqual(k6(retryAfterHonoured("disrupt#1", 360)), { "ai_fault_affected{fault:disrupt#1}": ["count<54"] });
  assert.deepEqual(k6(retryAfterHonoured("disrupt#1", 355)), { "ai_fault_affected{fault:disrupt#1}": ["count<54"] }, "rounded up");
});

test("open answers allowed by Little's law: leaving streams × (patience + 1 s to cancel) plus the others' share", () => {
  const smoke = { leavingPerSecond: 30, patienceMs: 1_000, othersPerSecond: 90, othersMs: 500 };
  assert.equal(openAnswersBound(smoke), 105);
  assert.equal(openAnswersBound({ ...smoke, patienceMs: 2_000 }), 135);
  assert.equal(openAnswersBound({ ...smoke, othersPerSecond: 0 }), 60);
  assert.deepEqual(k6(orphanedGenerations("provider-a", smoke)), { "ai_upstream_open{target:provider-a,phase:during}": ["max<105"] });
});

test("each error class has its own row, rate 0 of failures, and its own landing (met at least once)", () => {
  const t = k6(errorClassesHandled(["400_invalid_value", "503"]));
  assert.deepEqual(t, {
    "ai_error_class_failed{class:400_invalid_value}": ["rate==0"],
    "ai_error_class_failed{class:503}": ["rate==0"],
    "ai_fault_affected{fault:400_invalid_value}": ["count>=1"],
    "ai_fault_affected{fault:503}": ["count>=1"],
  });
});

test("every expression uses an aggregation its metric type supports", () => {
  const all = compose(stalledStreamsEnd(slo), parseableAnswers(), maskedErrorsWhere(slo, { limited: "primary" }), rateLimitedAnswers(slo, { limited: "all" }),
    retryAfterHonoured("disrupt#1", 100), orphanedGenerations("provider-a", { leavingPerSecond: 1, patienceMs: 1, othersPerSecond: 1, othersMs: 1 }), errorClassesHandled(["500"]));
  const byMetric: Record<string, RegExp> = {
    http_req_receiving: /^max$/, http_req_duration: /^p\(95\)$/, ai_errors: /^count$/, ai_req_unanswered: /^rate$/,
    ai_fault_affected: /^count$/, ai_upstream_open: /^max$/, ai_error_class_failed: /^rate$/,
  };
  for (const c of all) {
    const metric = c.metric.split("{")[0] ?? c.metric;
    assert.ok(byMetric[metric], `${c.metric} is not covered here`);
    assert.match(c.expression.split(/[<>=!]/)[0] ?? "", byMetric[metric], `${c.metric}: ${c.expression}`);
  }
});
