import assert from "node:assert/strict";
import { test } from "node:test";
import { observedTable, type ObservedRun } from "./observed-table.ts";

const run = (over: Partial<ObservedRun>): ObservedRun => ({ fragile: "retries", scenario: "concurrent-failures", expected: "fail", code: 99, breached: [], ...over });

test("a cell shows the verdict with the first breached thresholds in short form, and a re-run after the first", () => {
  const table = observedTable([
    run({ code: 0 }),
    run({ breached: ["ai_req_unanswered{phase:during}", "http_req_duration{phase:during,kind:chat,expected_response:false}", "a", "b"] }),
    run({ fragile: "timeouts", code: 0, expected: "pass" }),
    run({ fragile: "fallback", scenario: "baseline", code: 108, expected: "pass" }),
  ]);
  const rows = table.split("\n");
  assert.match(rows[0]!, /^\| scenario \| `timeouts` \| `retries` \| `fallback` \|/);
  assert.equal(rows[2], "| `baseline` | – | – | exit 108 | – | – | – | – | – | – |");
  assert.equal(rows[3], "| `concurrent-failures` | pass | pass → re-run: **FAIL**: ai_req_unanswered{phase:during}, duration{phase:during,kind:chat,failed}, a, … | – | – | – | – | – | – | – |");
});
