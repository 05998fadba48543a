import assert from "node:assert/strict";
import { test } from "node:test";
import { BUILTIN_METRICS, MetricRegistry, type Sample } from "../../../runner/metrics/registry.ts";

test("k6's built-in metrics are declared with k6's types and units", () => {
  const r = new MetricRegistry();
  const want: [string, string, string][] = [
    ["http_reqs", "counter", "default"], ["http_req_duration", "trend", "time"], ["http_req_blocked", "trend", "time"],
    ["http_req_connecting", "trend", "time"], ["http_req_tls_handshaking", "trend", "time"], ["http_req_sending", "trend", "time"],
    ["http_req_waiting", "trend", "time"], ["http_req_receiving", "trend", "time"], ["http_req_failed", "rate", "default"],
    ["iterations", "counter", "default"], ["iteration_duration", "trend", "time"], ["dropped_iterations", "counter", "default"],
    ["vus", "gauge", "default"], ["vus_max", "gauge", "default"], ["checks", "rate", "default"],
    ["data_sent", "counter", "data"], ["data_received", "counter", "data"], ["group_duration", "trend", "time"],
  ];
  for (const [name, type, contains] of want) {
    assert.deepEqual(r.info(name), { name, type, contains }, name);
    assert.ok(BUILTIN_METRICS.some((b) => b.name === name && b.type === type && b.valueType === contains), name);
  }
});

test("define is idempotent for the same type and names the clash otherwise", () => {
  const r = new MetricRegistry();
  r.define("ai_ttft", "trend", "time");
  r.define("ai_ttft", "trend", "time");
  r.define("ai_ttft", "trend");
  assert.throws(() => r.define("ai_ttft", "counter"), /^Error: metric 'ai_ttft' already exists but with type trend, instead of counter$/);
  assert.throws(() => r.define("ai_ttft", "trend", "data"), /already exists but with a value type time, instead of data/);
  assert.throws(() => r.define("ai-ttft", "trend"), /Invalid metric name/);
});

test("a sample feeds its metric and every submetric whose tags it contains", () => {
  const r = new MetricRegistry();
  const during = r.addSubmetric("http_req_duration{phase:during,scenario:load}");
  const url = r.addSubmetric("http_req_duration{url:http://127.0.0.1:8080/v1}");
  r.add("http_req_duration", 10, { phase: "during", scenario: "load", status: "200" });
  r.add("http_req_duration", 20, { phase: "during", scenario: "other" });
  r.add("http_req_duration", 30, { phase: "during" });
  r.add("http_req_duration", 40, { url: "http://127.0.0.1:8080/v1" });
  assert.equal(during, "http_req_duration{phase:during,scenario:load}");
  assert.equal(r.values("http_req_duration", 1000, ["count"])?.count, 4);
  assert.equal(r.values(during, 1000, ["count", "max"])?.count, 1);
  assert.equal(r.values(url, 1000, ["max"])?.max, 40);
});

test("submetrics with the same tag filter are one submetric named after the first", () => {
  const r = new MetricRegistry();
  const a = r.addSubmetric("http_reqs{ a:1,b:2 }");
  assert.equal(a, "http_reqs{a:1,b:2}");
  assert.equal(r.addSubmetric("http_reqs{b:2, a:'1'}"), a);
  assert.deepEqual(r.submetrics("http_reqs"), [{ name: a, suffix: "a:1,b:2", tags: { a: "1", b: "2" } }]);
  assert.deepEqual(r.info(a), { name: a, type: "counter", contains: "default", parent: "http_reqs" });
});

test("submetrics need a declared parent and a closed, non-empty filter", () => {
  const r = new MetricRegistry();
  assert.throws(() => r.addSubmetric("nope{a:b}"), /metric 'nope' does not exist in the script/);
  assert.throws(() => r.addSubmetric("http_reqs{a:b"), /missing ending bracket/);
  assert.throws(() => r.addSubmetric("http_reqs{ }"), /submetric criteria for metric 'http_reqs' cannot be empty/);
});

test("observed lists metrics with samples or marked by thresholds, nothing else", () => {
  const r = new MetricRegistry();
  const sub = r.addSubmetric("http_reqs{phase:after}");
  r.add("vus", 1, {});
  r.add("http_reqs", 1, { phase: "before" });
  r.markObserved("checks");
  assert.deepEqual(r.observed(), ["vus", "http_reqs", "checks"]);
  r.add("http_reqs", 1, { phase: "after" });
  assert.ok(r.observed().includes(sub));
});

test("listeners get every sample until they unsubscribe; bad samples throw", () => {
  const r = new MetricRegistry();
  const seen: Sample[] = [];
  const off = r.onSample((s) => seen.push(s));
  r.add("http_req_failed", 1, { a: "b" }, 1234.5);
  off();
  r.add("http_req_failed", 0, {});
  assert.deepEqual(seen, [{ metric: "http_req_failed", type: "rate", value: 1, tags: { a: "b" }, time: 1234.5 }]);
  assert.throws(() => r.add("undeclared", 1, {}), /metric 'undeclared' is not declared/);
  assert.throws(() => r.add("http_reqs", Number.NaN, {}), /NaN/);
});
