import assert from "node:assert/strict";
import { test } from "node:test";
import { FRAGILITY_SWITCHES } from "../../stack/gateway/fragility.ts";
import { observedTable, type ObservedRun } from "./observed-table.ts";

const run = (over: Partial<ObservedRun>): ObservedRun => ({ fragile: "retries", scenario: "concurrent-failures", expected: "fail", code: 99, breached: [], ...over });

test("a cell shows the verdict with the first breached thresholds in short form", () => {
  const table = observedTable([
    run({ breached: ["ai_req_unanswered{phase:during}", "http_req_duration{phase:during,kind:chat,expected_response:false}", "a", "b"] }),
    run({ fragile: "timeouts", code: 0, expected: "pass" }),
    run({ fragile: "fallback", scenario: "baseline", code: 108, expected: "pass" }),
  ]);
  const rows = table.split("\n");
  assert.match(rows[0]!, /^\| scenario \| `timeouts` \| `retries` \| `fallback` \|/);
  // One column per fragility switch: the rest of each row is "–".
  const rest = (shown: number) => " – |".repeat(FRAGILITY_SWITCHES.length - shown);
  assert.equal(rows[2], `| \`baseline\` | – | – | exit 108 |${rest(3)}`);
  assert.equal(rows[3], `| \`concurrent-failures\` | pass | **FAIL**: ai_req_unanswered{phase:during}, duration{phase:during,kind:chat,failed}, a, … |${rest(2)}`);
});
