import assert from "node:assert/strict";
import { test } from "node:test";
import { envName, resolveSlo, SLO_DEFAULTS } from "../../thresholds/slo.ts";

test("with no file and no env the defaults apply", () => {
  assert.deepEqual(resolveSlo({}), SLO_DEFAULTS);
});

test("a file overrides defaults and env overrides the file", () => {
  const slo = resolveSlo({ SLO_LATENCY_P95_MS: "2500" }, JSON.stringify({ latencyP95Ms: 4000, errorRateBefore: 0.05 }));
  assert.equal(slo.latencyP95Ms, 2500);
  assert.equal(slo.errorRateBefore, 0.05);
  assert.equal(slo.ttftP95Ms, SLO_DEFAULTS.ttftP95Ms);
});

test("env names are SLO_ plus the key in upper snake case", () => {
  assert.equal(envName("latencyP95Ms"), "SLO_LATENCY_P95_MS");
  assert.equal(envName("errorBudgetDuring"), "SLO_ERROR_BUDGET_DURING");
});

test("an unknown file key is named with the known keys", () => {
  assert.throws(() => resolveSlo({}, JSON.stringify({ latencyP95: 100 })), /SLO_FILE key "latencyP95" is unknown; known keys: latencyP95Ms, /);
});

test("a wrong type or range names the key and the accepted form", () => {
  assert.throws(() => resolveSlo({}, JSON.stringify({ errorRateBefore: "1%" })), /SLO_FILE key "errorRateBefore" must be a number from 0 to 1; got "1%"/);
  assert.throws(() => resolveSlo({}, JSON.stringify({ errorRateAfter: 2 })), /key "errorRateAfter" must be a number from 0 to 1/);
  assert.throws(() => resolveSlo({}, JSON.stringify({ latencyP95Ms: 0 })), /key "latencyP95Ms" must be a number of milliseconds > 0/);
  assert.throws(() => resolveSlo({}, JSON.stringify({ droppedIterationsMax: 1.5 })), /must be an integer >= 0/);
  assert.throws(() => resolveSlo({}, JSON.stringify({ amplificationDuringMax: 0 })), /key "amplificationDuringMax" must be a number > 0; got 0/);
  assert.equal(resolveSlo({ SLO_AMPLIFICATION_STEADY_MAX: "1.2" }).amplificationSteadyMax, 1.2);
});

test("a file that is not a JSON object is refused", () => {
  assert.throws(() => resolveSlo({}, "latencyP95Ms: 10"), /SLO_FILE must hold a JSON object of SLO values; it is not JSON/);
  assert.throws(() => resolveSlo({}, "[1,2]"), /SLO_FILE must hold a JSON object/);
});

test("a bad or unknown SLO_ env variable is named; SLO_FILE itself is not an SLO", () => {
  assert.throws(() => resolveSlo({ SLO_ERROR_RATE_BEFORE: "low" }), /SLO_ERROR_RATE_BEFORE must be a number from 0 to 1; got "low"/);
  assert.throws(() => resolveSlo({ SLO_LATENCY: "10" }), /SLO_LATENCY is not an SLO setting; known: SLO_LATENCY_P95_MS/);
  assert.deepEqual(resolveSlo({ SLO_FILE: "/x.json" }), SLO_DEFAULTS);
});
