import assert from "node:assert/strict";
import { test } from "node:test";
import { SLO_DEFAULTS } from "../../thresholds/index.ts";
import { overloadCriteria } from "../../thresholds/overload.ts";

const slo = SLO_DEFAULTS;
const run = { requestTimeoutMs: 20_000, delayAbortEval: "12s" };

test("an overload has no error budget during the fault: shedding fails requests on purpose", () => {
  assert.equal("ai_req_failed{phase:during}" in overloadCriteria(slo, { ...run, maxErrorRate: 0.1 }), false);
});

test("an overload judges shed long streams too: fast failure, and no long stream held past the max duration", () => {
  const t = overloadCriteria(slo, run);
  assert.deepEqual(t["http_req_duration{phase:during,kind:long_stream,expected_response:false}"], [`p(95)<${slo.fastFailureP95Ms}`]);
  assert.deepEqual(t["http_req_duration{kind:long_stream}"], [`max<${slo.maxDurationMs}`]);
});

test("admitted requests keep the latency and TTFT SLO during the overload", () => {
  const t = overloadCriteria(slo, run);
  assert.deepEqual(t["http_req_duration{phase:during,kind:chat,expected_response:true}"], [`p(95)<${slo.latencyP95Ms}`]);
  assert.deepEqual(t["ai_ttft{phase:during}"], [`p(95)<${slo.ttftP95Ms}`]);
});

test("mustSaturate requires a 429, placed right after the shared criteria", () => {
  assert.equal("ai_errors{class:429}" in overloadCriteria(slo, run), false);
  const keys = Object.keys(overloadCriteria(slo, run, { mustSaturate: true }));
  const shared = Object.keys(overloadCriteria(slo, run)).indexOf("http_req_duration{phase:during,kind:chat,expected_response:false}");
  assert.equal(keys[shared], "ai_errors{class:429}");
});
