import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { describeExit } from "../../../scripts/chaos/exit-codes.ts";
import { readSummary } from "../../../scripts/chaos/summary.ts";
import { judge } from "../../../scripts/chaos/verdict.ts";

const breached = readSummary(fileURLToPath(new URL("./fixtures/summary-breached.json", import.meta.url)));
const passed = readSummary(fileURLToPath(new URL("./fixtures/summary-passed.json", import.meta.url)));

describe("verdict from exit code and summary export", () => {
  const cases: [number | null, string | null, "passed" | "failed" | "error", RegExp][] = [
    [0, null, "passed", /every threshold held/],
    [99, null, "failed", /2 thresholds breached/],
    [104, null, "error", /exit 104: invalid options/],
    [105, null, "error", /exit 105: interrupted/],
    [107, null, "error", /exit 107: script error/],
    [108, null, "error", /exit 108: aborted by the script/],
    [110, null, "error", /exit 110: marked as failed/],
    [255, null, "error", /exit 255: command-line error/],
    [3, null, "error", /exit 3: unexpected exit code/],
    [null, "SIGKILL", "error", /killed by SIGKILL/],
  ];
  for (const [code, signal, verdict, reason] of cases) {
    it(`maps ${code ?? signal} to ${verdict}`, () => {
      const j = judge(code, signal, breached);
      assert.equal(j.verdict, verdict);
      assert.match(j.reason, reason);
    });
  }

  it("lists the breached thresholds of a failed scenario", () => {
    assert.deepEqual(judge(99, null, breached).breaches.map((b) => b.metric), ["ai_req_failed{phase:after}", "http_req_duration{phase:during,kind:chat,expected_response:false}"]);
  });

  it("trusts exit 0 over the export, as k6's users do", () => {
    const j = judge(0, null, breached);
    assert.equal(j.verdict, "passed");
    assert.deepEqual(j.breaches, []);
  });

  it("keeps exit 99 a failure when no export was written, and says so", () => {
    const j = judge(99, null, undefined);
    assert.equal(j.verdict, "failed");
    assert.match(j.reason, /the summary export names none/);
    assert.deepEqual(j.figures, {});
  });

  it("keeps key figures of a passing run", () => {
    assert.equal(judge(0, null, passed).figures.requests, 250);
  });

  it("names a run that never started", () => {
    assert.equal(describeExit(null), "did not run");
  });
});
