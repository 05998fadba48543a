import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { breachedThresholds, keyFigures, observedValue, readSummary } from "../../../scripts/chaos/summary.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

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
