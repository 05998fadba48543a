import assert from "node:assert/strict";
import { test } from "node:test";
import { compare, parseThresholdExpression, percentileKey } from "../../../runner/thresholds/expression.ts";

test("valid expressions parse into method, operator, value and sink key", () => {
  const cases: [string, string, string, number, string][] = [
    ["p(95)<200", "p", "<", 200, "p(95)"],
    ["p(99.9) < 2000", "p", "<", 2000, "p(99.9)"],
    ["p(99.90)<2000", "p", "<", 2000, "p(99.9)"],
    [" avg  <=  1.5 ", "avg", "<=", 1.5, "avg"],
    ["rate>=0.95", "rate", ">=", 0.95, "rate"],
    ["count>0", "count", ">", 0, "count"],
    ["value===1", "value", "===", 1, "value"],
    ["max==3", "max", "==", 3, "max"],
    ["min!=-1", "min", "!=", -1, "min"],
    ["med<1e3", "med", "<", 1000, "med"],
    ["p(0)<1", "p", "<", 1, "p(0)"],
    ["p(100)<1", "p", "<", 1, "p(100)"],
  ];
  for (const [source, method, operator, value, sinkKey] of cases) {
    const e = parseThresholdExpression(source);
    assert.deepEqual([e.method, e.operator, e.value, e.sinkKey], [method, operator, value, sinkKey], source);
  }
});

test("invalid expressions fail with k6's messages", () => {
  const cases: [string, string][] = [
    ["p(95)", 'failed parsing threshold expression "p(95)"; reason: malformed threshold expression'],
    ["", 'failed parsing threshold expression ""; reason: malformed threshold expression'],
    ["p(95)<", 'failed parsing threshold expression "p(95)<"; reason: malformed threshold expression'],
    ["p95<200", `failed parsing threshold expression's "p95<200" left hand side; reason: failed parsing method from expression`],
    ["P(95)<200", `failed parsing threshold expression's "P(95)<200" left hand side; reason: failed parsing method from expression`],
    ["mean<200", `failed parsing threshold expression's "mean<200" left hand side; reason: failed parsing method from expression`],
    ["p(101)<200", `failed parsing threshold expression's "p(101)<200" left hand side; reason: malformed percentile value, provide a number between 0 and 100`],
    ["p(-1)<200", `failed parsing threshold expression's "p(-1)<200" left hand side; reason: malformed percentile value, provide a number between 0 and 100`],
    ["p(NaN)<200", `failed parsing threshold expression's "p(NaN)<200" left hand side; reason: malformed percentile value, provide a number between 0 and 100`],
    ["p( 95)<200", `failed parsing threshold expression's "p( 95)<200" left hand side; reason: malformed percentile value; reason: strconv.ParseFloat: parsing " 95": invalid syntax`],
    ["p(95)<<200", `failed parsing threshold expresion's "p(95)<<200" right hand side; reason: strconv.ParseFloat: parsing "<200": invalid syntax`],
    ["p(95)<200ms", `failed parsing threshold expresion's "p(95)<200ms" right hand side; reason: strconv.ParseFloat: parsing "200ms": invalid syntax`],
    ["p(95)=>200", `failed parsing threshold expression's "p(95)=>200" left hand side; reason: failed parsing method from expression`],
  ];
  for (const [source, message] of cases) assert.throws(() => parseThresholdExpression(source), { message }, source);
});

test("operators are tried in k6's order, so '<=' wins over '<' and '===' over '=='", () => {
  assert.equal(parseThresholdExpression("avg<=1").operator, "<=");
  assert.equal(parseThresholdExpression("avg>=1").operator, ">=");
  assert.equal(parseThresholdExpression("avg===1").operator, "===");
  assert.equal(parseThresholdExpression("avg!=1").operator, "!=");
});

test("each operator compares as its name says", () => {
  const table: [number, "<=" | "<" | ">=" | ">" | "===" | "==" | "!=", number, boolean][] = [
    [1, "<=", 1, true], [2, "<=", 1, false], [1, "<", 1, false], [0, "<", 1, true], [1, ">=", 1, true],
    [0, ">=", 1, false], [1, ">", 1, false], [2, ">", 1, true], [1, "===", 1, true], [1, "==", 2, false], [1, "!=", 2, true], [1, "!=", 1, false],
  ];
  for (const [l, op, r, want] of table) assert.equal(compare(l, op, r), want, `${l}${op}${r}`);
});

test("percentile keys use Go's %g, so p(99.90) and p(99.9) share one key", () => {
  assert.equal(percentileKey(99.9), "p(99.9)");
  assert.equal(percentileKey(Number("99.90")), "p(99.9)");
  assert.equal(percentileKey(95), "p(95)");
  assert.equal(percentileKey(0), "p(0)");
  assert.equal(percentileKey(0.0001), "p(0.0001)");
  assert.equal(percentileKey(0.00001), "p(1e-05)");
  assert.equal(percentileKey(1.5e-7), "p(1.5e-07)");
});
