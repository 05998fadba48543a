import assert from "node:assert/strict";
import { test } from "node:test";
import { compose, degradedLatency, answersWithinDeadline, faultCriteria, maskedErrors, SLO_DEFAULTS } from "../../thresholds/index.ts";
import { maskedFaultCriteria } from "../../thresholds/masked-fault.ts";

const slo = { ...SLO_DEFAULTS, maskedErrorRate: 0.03 };
const run = { requestTimeoutMs: 20_000, delayAbortEval: "12s" };

test("a masked fault holds failures before an answer started to the masked budget, and all failures to the general one", () => {
  const t = maskedFaultCriteria(slo, run);
  assert.deepEqual(t["ai_req_unanswered{phase:during}"], ["rate<0.03"]);
  assert.deepEqual(t["ai_req_failed{phase:during}"], [`rate<${slo.errorBudgetDuring}`]);
});

test("a masked fault is the shared criteria plus the masked budget and the degraded-latency median, key for key and in order", () => {
  const expected = compose(faultCriteria(slo, run), maskedErrors(slo), degradedLatency(slo));
  assert.deepEqual(Object.entries(maskedFaultCriteria(slo, run)), Object.entries(expected));
});

test("withinDeadline adds the deadline on every workload answer, after the rest", () => {
  const t = maskedFaultCriteria(slo, run, { withinDeadline: true });
  assert.deepEqual(Object.entries(t), Object.entries(compose(maskedFaultCriteria(slo, run), answersWithinDeadline(slo))));
  assert.ok(t["http_req_duration{kind:chat}"]?.includes(`max<${slo.deadlineMs}`));
  assert.equal(maskedFaultCriteria(slo, run)["http_req_duration{kind:chat}"]?.includes(`max<${slo.deadlineMs}`), false);
});
