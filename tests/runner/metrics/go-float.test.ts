import assert from "node:assert/strict";
import { test } from "node:test";
import { parseGoFloat } from "../../../runner/metrics/go-float.ts";

test("numbers parse as Go's strconv.ParseFloat reads them", () => {
  const cases: [string, number][] = [
    ["200", 200], ["0.5", 0.5], [".5", 0.5], ["5.", 5], ["-1e3", -1000], ["+2E-2", 0.02],
    ["Inf", Infinity], ["-infinity", -Infinity], ["0x1p4", 16], ["0x.8p1", 1],
  ];
  for (const [text, value] of cases) assert.equal(parseGoFloat(text), value, text);
  assert.ok(Number.isNaN(parseGoFloat("NaN")));
});

test("text Go rejects fails with Go's message", () => {
  for (const bad of ["", " 1", "1 ", "1_000", "abc", "1e", "--1", "0x10", "+NaN"]) {
    assert.throws(() => parseGoFloat(bad), new RegExp(`^Error: strconv\\.ParseFloat: parsing ".*": invalid syntax$`), JSON.stringify(bad));
  }
  assert.throws(() => parseGoFloat("1e400"), /value out of range/);
});
