import assert from "node:assert/strict";
import { test } from "node:test";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";
import { evaluateThresholds, parseThresholds, type ThresholdResult } from "../../../runner/thresholds/index.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { startThresholdLoop } from "../../../runner/thresholds/evaluate.ts";

const setup = (thresholds: Record<string, unknown[]>) => {
  const r = new MetricRegistry();
  r.define("ai_ttft", "trend", "time");
  r.define("ai_alive", "gauge");
  r.define("ai_tokens", "counter");
  return { r, set: parseThresholds(thresholds, r) };
};
const failed = (res: { failed: { metric: string; expression: string }[] }) => res.failed.map((f) => `${f.metric} ${f.expression}`);

test("each aggregation reads its metric's aggregate", () => {
  const { r, set } = setup({
    ai_ttft: ["avg<30", "min>=10", "max<=50", "med==30", "p(90)<46.01", "p(90)>45.99"],
    ai_alive: ["value==1"],
    ai_tokens: ["count==6", "rate==3"],
    http_req_failed: ["rate<0.5"],
  });
  for (const v of [10, 20, 30, 40, 50]) r.add("ai_ttft", v, {});
  r.add("ai_alive", 0, {});
  r.add("ai_alive", 1, {});
  r.add("ai_tokens", 6, {});
  r.add("http_req_failed", 1, {});
  r.add("http_req_failed", 0, {});
  const res = evaluateThresholds(set, r, 2000, 2000);
  assert.deepEqual(failed(res), ["ai_ttft avg<30", "http_req_failed rate<0.5"]);
  assert.deepEqual(set.metrics[0]?.thresholds.map((t) => t.lastFailed), [true, false, false, false, false, false]);
});

test("a submetric threshold judges only the samples carrying its tags", () => {
  const { r, set } = setup({ "http_req_failed{phase:during}": ["rate<0.5"], "http_req_failed{phase:after}": ["rate<0.5"] });
  r.add("http_req_failed", 1, { phase: "during", status: "503" });
  r.add("http_req_failed", 0, { phase: "after" });
  assert.deepEqual(failed(evaluateThresholds(set, r, 1000, 1000)), ["http_req_failed{phase:during} rate<0.5"]);
});

test("p(99.9) and p(99.90) read the same value", () => {
  const { r, set } = setup({ ai_ttft: ["p(99.9)<999.5", "p(99.90)<999.5", "p(99.90)>999.5"] });
  for (let i = 0; i <= 1000; i++) r.add("ai_ttft", i, {});
  assert.deepEqual(failed(evaluateThresholds(set, r, 1000, 1000)), ["ai_ttft p(99.90)>999.5"]);
});

test("without samples: periodic runs skip, the final run counts empty aggregates as k6 does", () => {
  const { r, set } = setup({ ai_tokens: ["count>0"], http_req_failed: ["rate<0.01"], ai_ttft: ["p(95)<200", "max>0"], ai_alive: ["value==1"] });
  assert.deepEqual(failed(evaluateThresholds(set, r, 4000, 4000, { final: false })), []);
  // Empty rate: no `rate` key, so it passes; empty trend and gauge read 0; empty counter counts 0.
  assert.deepEqual(failed(evaluateThresholds(set, r, 4000, 4000)), ["ai_tokens count>0", "ai_ttft max>0", "ai_alive value==1"]);
});

test("a counter's rate is missing, so passing, when the run lasted 0 ms", () => {
  const { r, set } = setup({ ai_tokens: ["rate>100"] });
  r.add("ai_tokens", 1, {});
  assert.deepEqual(failed(evaluateThresholds(set, r, 0, 0)), []);
  assert.deepEqual(failed(evaluateThresholds(set, r, 1000, 1000)), ["ai_tokens rate>100"]);
});

test("abortOnFail aborts only once the elapsed time exceeds delayAbortEval", () => {
  const { r, set } = setup({ http_req_failed: [{ threshold: "rate<0.1", abortOnFail: true, delayAbortEval: "10s" }] });
  r.add("http_req_failed", 1, {});
  assert.equal(evaluateThresholds(set, r, 9000, 9000, { final: false }).abort, false);
  assert.equal(evaluateThresholds(set, r, 10_000, 10_000, { final: false }).abort, false);
  const res = evaluateThresholds(set, r, 10_001, 10_001, { final: false });
  assert.equal(res.abort, true);
  assert.deepEqual(res.abortedBy, { metric: "http_req_failed", expression: "rate<0.1" });
});

test("abortOnFail without delay aborts at once; without abortOnFail never aborts", () => {
  const { r, set } = setup({ checks: [{ threshold: "rate>0.9", abortOnFail: true }], http_req_failed: ["rate<0.1"] });
  r.add("http_req_failed", 1, {});
  const first = evaluateThresholds(set, r, 1, 1, { final: false });
  assert.deepEqual([first.abort, failed(first)], [false, ["http_req_failed rate<0.1"]]);
  r.add("checks", 0, { check: "x" });
  assert.equal(evaluateThresholds(set, r, 1, 1, { final: false }).abort, true);
});

test("a passing abortOnFail threshold does not abort, and recovery clears the failure", () => {
  const { r, set } = setup({ http_req_failed: [{ threshold: "rate<0.5", abortOnFail: true }] });
  r.add("http_req_failed", 0, {});
  assert.deepEqual(evaluateThresholds(set, r, 5000, 5000, { final: false }), { failed: [], abort: false });
  assert.equal(set.metrics[0]?.thresholds[0]?.lastFailed, false);
});

test("the loop calls onAbort once when an abortOnFail threshold fails, and finish gives the final verdict", async () => {
  const r = new MetricRegistry();
  const set = parseThresholds({ http_req_failed: [{ threshold: "rate<0.1", abortOnFail: true }], http_reqs: ["count>5"] }, r);
  const aborts: ThresholdResult[] = [];
  let elapsed = 0;
  const loop = startThresholdLoop({ set, registry: r, elapsedMs: () => (elapsed += 10), onAbort: (res) => aborts.push(res), intervalMs: 5 });
  await sleep(30);
  assert.equal(aborts.length, 0, "empty sinks are skipped while running");
  r.add("http_req_failed", 1, {});
  await sleep(40);
  const final = loop.finish(1000);
  assert.equal(aborts.length, 1);
  assert.deepEqual(aborts[0]?.abortedBy, { metric: "http_req_failed", expression: "rate<0.1" });
  assert.deepEqual(final.failed.map((f) => f.expression), ["rate<0.1", "count>5"]);
});
