import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { CASES } from "./conformance/cases.ts";
import { CONFORMANCE, ENGINES, runCase, type Outcome } from "./conformance/check.ts";
import { startServer, type TestServer } from "./helpers/server.ts";

/**
 * The conformance table (conformance/cases.ts) under the Node runner: every script exits with
 * its code and produces its --summary-export figures, as CI's k6-parity job checks under k6.
 * Self-checking scripts assert with thresholds, so a broken behaviour turns their 0 into 99.
 * Beyond the table: what the runner itself prints, and the requests a run must not send.
 */
const RUNNER_ONLY: Record<string, (r: Outcome, requests: number) => void> = {
  "abort-on-fail.ts": (r) => { assert.match(r.stderr, /abortOnFail/); assert.match(r.stderr, /teardown ran/); assert.match(r.stdout, /handleSummary ran/); },
  "thresholds-fail.ts": (r) => assert.match(r.stderr, /thresholds on metrics 'http_req_failed' have been crossed/),
  "bad-executor.ts": (r, n) => { assert.match(r.stderr, /unknown executor type 'constant-vu'/); assert.equal(n, 0); },
  "bad-threshold-expression.ts": (r, n) => { assert.match(r.stderr, /p95<200/); assert.equal(n, 0); },
  "bad-threshold-aggregation.ts": (_r, n) => assert.equal(n, 0),
  "unknown-threshold-metric.ts": (_r, n) => assert.equal(n, 0),
  "negative-duration.ts": (r) => assert.match(r.stderr, /negative/),
  "missing-exec.ts": (r) => assert.match(r.stderr, /notExported/),
  "setup-error.ts": (r) => { assert.match(r.stderr, /the target is down/); assert.doesNotMatch(r.stderr, /teardown ran/); },
  "setup-timeout.ts": (r) => assert.match(r.stderr, /setup\(\) execution timed out after 1 seconds; you can increase the time limit via the setupTimeout option/),
  "teardown-timeout.ts": (r) => assert.match(r.stderr, /teardown\(\) execution timed out after 1 seconds/),
  "test-abort.ts": (r) => { assert.match(r.stderr, /enough seen/); assert.match(r.stderr, /teardown ran/); },
  "fail-with-threshold.ts": (r) => { assert.match(r.stderr, /test marked as failed: marked failed/); assert.match(r.stderr, /thresholds on metrics 'iterations' have been crossed/); },
  "signal.ts": (r) => { assert.match(r.stderr, /teardown ran/); assert.match(r.stdout, /handleSummary ran/); },
  "iteration-exception.ts": (r) => assert.match(r.stderr, /this iteration fails, the run goes on\n\s+at .*iteration-exception\.ts:6:\d+.*source=stacktrace/),
  "blocking-call.ts": (r, n) => { assert.match(r.stderr, /cannot run this script faithfully.*http\.get\(\) blocks the VU.*asyncRequest/); assert.match(r.stderr, /teardown ran/); assert.equal(n, 0); },
};

describe("conformance table under the Node runner", () => {
  let server: TestServer;
  before(async () => { server = await startServer(); });
  after(() => server.close());

  test("every script in conformance/ has a row in the table", () => {
    const listed = new Set(CASES.map((c) => c.script));
    const files = readdirSync(CONFORMANCE).filter((f) => f.endsWith(".ts") && f !== "cases.ts" && f !== "check.ts");
    assert.deepEqual(files.filter((f) => !listed.has(f)), []);
  });

  for (const c of CASES) {
    test(`${c.script} → ${c.exit}: ${c.why}`, async () => {
      server.requests = 0;
      const r = await runCase(c, ENGINES.node, server.url, 30_000);
      assert.deepEqual(r.problems, [], `${c.script}\nstderr:\n${r.stderr}\nstdout:\n${r.stdout.slice(-2000)}`);
      RUNNER_ONLY[c.script]?.(r, server.requests);
    });
  }
});
