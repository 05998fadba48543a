import assert from "node:assert/strict";
import { test } from "node:test";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";
import { parseThresholds, ThresholdConfigError } from "../../../runner/thresholds/index.ts";
import { readThresholdConfigs, thresholdJson } from "../../../runner/thresholds/config.ts";

const registry = (): MetricRegistry => {
  const r = new MetricRegistry();
  r.define("ai_ttft", "trend", "time");
  r.define("ai_service_alive", "gauge");
  return r;
};

test("string and object forms parse, with abortOnFail and delayAbortEval", () => {
  const set = parseThresholds(
    {
      http_req_duration: ["p(95)<200", { threshold: "p(99)<500", abortOnFail: true, delayAbortEval: "10s" }],
      http_req_failed: [{ threshold: "rate<0.01", abortOnFail: true }, { threshold: "rate<0.5", delayAbortEval: 2500 }],
    },
    registry(),
  );
  const flat = set.metrics.flatMap((m) => m.thresholds.map((t) => [m.metric, t.source, t.abortOnFail, t.delayAbortEvalMs]));
  assert.deepEqual(flat, [
    ["http_req_duration", "p(95)<200", false, null],
    ["http_req_duration", "p(99)<500", true, 10_000],
    ["http_req_failed", "rate<0.01", true, null],
    ["http_req_failed", "rate<0.5", false, 2500],
  ]);
});

test("each aggregation is accepted exactly on the metric types k6 allows", () => {
  const metricOf = { counter: "http_reqs", gauge: "vus", rate: "checks", trend: "ai_ttft" } as const;
  const allowed: Record<string, string[]> = {
    counter: ["count", "rate"], gauge: ["value"], rate: ["rate"], trend: ["avg", "min", "max", "med", "p(90)"],
  };
  for (const [type, metric] of Object.entries(metricOf)) {
    for (const agg of ["count", "rate", "value", "avg", "min", "max", "med", "p(90)"]) {
      const parse = () => parseThresholds({ [metric]: [`${agg}>0`] }, registry());
      if (allowed[type]?.includes(agg)) assert.doesNotThrow(parse, `${agg} on ${type}`);
      else assert.throws(parse, ThresholdConfigError, `${agg} on ${type}`);
    }
  }
});

test("an unsupported aggregation names the method, the type and what is allowed", () => {
  assert.throws(() => parseThresholds({ http_reqs: ["p(95)<1"] }, registry()), {
    name: "ThresholdConfigError",
    message: 'invalid threshold "p(95)<1" applied on metric http_reqs; reason: unsupported aggregation method p on metric of type counter. supported aggregation methods for this metric are: count, rate',
  });
});

test("thresholds on unknown metrics are configuration errors (exit 104)", () => {
  const err = (() => {
    try {
      parseThresholds({ "ai_missing{phase:after}": ["rate<0.1"] }, registry());
    } catch (e) {
      return e as ThresholdConfigError;
    }
    return undefined;
  })();
  assert.ok(err instanceof ThresholdConfigError);
  assert.equal(err.exitCode, 104);
  assert.equal(err.message, 'invalid threshold defined on ai_missing{phase:after}; reason: no metric name "ai_missing{phase:after}" found');
  assert.throws(() => parseThresholds({ "http_reqs {a:b}": ["count>0"] }, registry()), /no metric name "http_reqs {a:b}" found/);
});

test("malformed keys, expressions and shapes are configuration errors", () => {
  const cases: [unknown, RegExp][] = [
    [{ "http_reqs{a}": ["count>0"] }, /^unable to validate threshold expressions; reason: parsing metric name failed, metric "a" tag expression is malformed$/],
    [{ "http_reqs{a:b": ["count>0"] }, /unmatched opening\/close curly brace/],
    [{ http_reqs: ["count>>0"] }, /right hand side/],
    [{ "nope{": ["count>>0"] }, /right hand side/],
    [{ http_reqs: "count>0" }, /expected an array/],
    [{ http_reqs: [42] }, /expected a threshold string/],
    [{ http_reqs: [null] }, /malformed threshold expression/],
    [{ http_reqs: [{ threshold: "count>0", delayAbortEval: "soon" }] }, /invalid delayAbortEval/],
    [{ http_reqs: [{ threshold: "count>0", abortOnFail: "yes" }] }, /"abortOnFail" must be a boolean/],
    [["count>0"], /options.thresholds must be an object/],
  ];
  for (const [input, message] of cases) assert.throws(() => parseThresholds(input, registry()), (e: Error) => e instanceof ThresholdConfigError && message.test(e.message), JSON.stringify(input));
});

test("submetric keys register submetrics marked observed with their parent", () => {
  const r = registry();
  const set = parseThresholds({ "http_req_duration{ phase:during, url:http://x:1/a }": ["p(95)<1"], "group_duration{group:::setup}": ["avg<1"] }, r);
  assert.deepEqual(set.metrics.map((m) => m.metric), ["http_req_duration{phase:during, url:http://x:1/a}", "group_duration{group:::setup}"]);
  assert.deepEqual(r.submetrics("group_duration")[0]?.tags, { group: "::setup" });
  assert.deepEqual(r.observed(), ["http_req_duration{phase:during, url:http://x:1/a}", "http_req_duration", "group_duration{group:::setup}", "group_duration"]);
});

test("k6's expected_response submetric exists even without thresholds; --no-thresholds skips validation", () => {
  const r = registry();
  const set = parseThresholds(undefined, r);
  assert.deepEqual(set.metrics, []);
  assert.ok(r.has("http_req_duration{expected_response:true}"));
  const noThresholds = registry();
  const skipped = parseThresholds({ nope: ["bad"], "http_reqs{phase:after}": ["bad"] }, noThresholds, { noThresholds: true });
  assert.deepEqual(skipped.metrics, []);
  assert.ok(noThresholds.has("http_reqs{phase:after}"), "k6 still creates the submetric");
  assert.deepEqual(noThresholds.observed(), []);
  const off = registry();
  parseThresholds({}, off, { expectedResponseTag: false });
  assert.equal(off.has("http_req_duration{expected_response:true}"), false);
});

test("thresholds on the vu or iter tags warn as k6 does", () => {
  const set = parseThresholds({ "http_reqs{vu:1}": ["count>0"], "http_reqs{scenario:x}": ["count>0"] }, registry());
  assert.equal(set.warnings.length, 1);
  assert.match(set.warnings[0] ?? "", /non-indexable/);
});

const delayOf = (delayAbortEval: unknown): number | null =>
  readThresholdConfigs({ m: [{ threshold: "count<1", abortOnFail: true, delayAbortEval }] })[0]?.configs[0]?.delayAbortEvalMs ?? null;

// k6 reads delayAbortEval with types.ParseExtendedDuration (lib/types/types.go).
test("delayAbortEval reads Go durations, bare numbers as ms, and day prefixes", () => {
  const cases: [string | number, number][] = [
    ["10s", 10_000], ["1m30s", 90_000], ["1.5s", 1500], ["500ms", 500], ["250", 250], ["0", 0],
    ["1h", 3_600_000], ["2d", 172_800_000], ["1d2h", 93_600_000], ["100us", 0.1], ["100µs", 0.1], [2500, 2500],
  ];
  for (const [text, ms] of cases) assert.equal(delayOf(text), ms, String(text));
});

test("a malformed delayAbortEval is rejected with a sentence naming the value and the accepted forms", () => {
  for (const bad of ["10x", "", "s", "1s5"]) {
    assert.throws(() => delayOf(bad), new RegExp(`invalid delayAbortEval ${JSON.stringify(bad)}: a duration such as "10s"`), bad);
  }
});

// metrics/thresholds.go thresholdConfig.MarshalJSON: a plain source unless abortOnFail; the delay as Go's Duration.String.
test("thresholds marshal as k6 does: a string, or an object with the delay as Go writes it", () => {
  const [plain, abort, noDelay] = readThresholdConfigs({ m: ["p(95)<1", { threshold: "max<5", abortOnFail: true, delayAbortEval: "90s" }, { threshold: "max<6", abortOnFail: true }] })[0]?.configs ?? [];
  assert.equal(thresholdJson(plain!), "p(95)<1");
  assert.deepEqual(thresholdJson(abort!), { threshold: "max<5", abortOnFail: true, delayAbortEval: "1m30s" });
  assert.deepEqual(thresholdJson(noDelay!), { threshold: "max<6", abortOnFail: true, delayAbortEval: null });
});
