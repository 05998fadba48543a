import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { runCli, SCRIPTS, type CliResult } from "./helpers/cli.ts";
import { startServer, type TestServer } from "./helpers/server.ts";

/**
 * Table-driven conformance run, the way grafana/k6-jslib-testing tests itself: every script in
 * scripts/ runs through the CLI and must exit with its code. Self-checking scripts assert with
 * thresholds, so a broken behaviour turns their 0 into 99.
 */
interface Row {
  script: string;
  code: number;
  why: string;
  args?: string[];
  /** Extra assertions on the run (and the target's request count). */
  check?: (r: CliResult, requests: number) => void;
}

const TABLE: Row[] = [
  { script: "ok.ts", code: 0, why: "passing checks and thresholds exit 0" },
  { script: "thresholds-fail.ts", code: 99, why: "a threshold crossed at the end exits 99",
    check: (r) => assert.match(r.stderr, /thresholds on metrics 'http_req_failed' have been crossed/) },
  { script: "bad-executor.ts", code: 104, why: "an unknown executor is invalid config, before any request",
    check: (r, n) => { assert.match(r.stderr, /unknown executor type 'constant-vu'/); assert.equal(n, 0); } },
  { script: "bad-threshold-expression.ts", code: 104, why: "a malformed threshold expression is rejected before setup sends anything",
    check: (r, n) => { assert.match(r.stderr, /p95<200/); assert.equal(n, 0); } },
  { script: "bad-threshold-aggregation.ts", code: 104, why: "p(95) on a counter is rejected", check: (_r, n) => assert.equal(n, 0) },
  { script: "unknown-threshold-metric.ts", code: 104, why: "a threshold on an undeclared metric is rejected", check: (_r, n) => assert.equal(n, 0) },
  { script: "negative-duration.ts", code: 104, why: "a negative duration is invalid config", check: (r) => assert.match(r.stderr, /negative/) },
  { script: "shortcut-conflict.ts", code: 104, why: "iterations together with stages conflict" },
  { script: "missing-exec.ts", code: 104, why: "a scenario exec that is not exported is invalid config", check: (r) => assert.match(r.stderr, /notExported/) },
  { script: "init-error.ts", code: 107, why: "an exception in init code is a script error" },
  { script: "setup-error.ts", code: 107, why: "an exception in setup() is a script error and teardown does not run",
    check: (r) => { assert.match(r.stderr, /the target is down/); assert.doesNotMatch(r.stderr, /teardown ran/); } },
  { script: "test-abort.ts", code: 108, why: "exec.test.abort() exits 108 and teardown still runs",
    check: (r) => { assert.match(r.stderr, /enough seen/); assert.match(r.stderr, /teardown ran/); } },
  { script: "test-fail.ts", code: 110, why: "exec.test.fail() exits 110 and lets every iteration run" },
  { script: "iteration-exception.ts", code: 0, why: "an exception in an iteration is logged with its stack, counted, and does not change the exit code",
    check: (r) => assert.match(r.stderr, /this iteration fails, the run goes on\n\s+at .*iteration-exception\.ts:6:\d+.*source=stacktrace/) },
  { script: "vu-state.ts", code: 0, why: "module state, __VU and __ITER are per VU" },
  { script: "setup-data.ts", code: 0, why: "setup() data reaches every iteration and teardown" },
  { script: "tags.ts", code: 0, why: "request, scenario, VU and --tag tags reach samples and filter submetrics", args: ["--tag", "testid=abc"] },
  { script: "env.ts", code: 0, why: "-e and scenario env reach __ENV", args: ["-e", "FROM_FLAG=f"] },
  { script: "refused-calls.ts", code: 0, why: "blocking calls and async check/group are refused, naming the async form" },
  { script: "metrics-init-only.ts", code: 0, why: "metrics are declared only in init and added only outside it" },
  { script: "timers-drain.ts", code: 0, why: "an iteration ends only when its timers have fired" },
  { script: "encoding-random.ts", code: 0, why: "k6/encoding base64 variants and randomSeed behave as k6's" },
  { script: "open-file.ts", code: 0, why: "open() reads files relative to the script, in init only" },
];

describe("runner exit codes, script by script", () => {
  let server: TestServer;
  before(async () => { server = await startServer(); });
  after(() => server.close());

  test("every script in scripts/ has a row in the table", () => {
    const listed = new Set(TABLE.map((r) => r.script));
    const extra = ["abort-on-fail.ts", "handle-summary.ts"]; // asserted in their own tests
    const files = readdirSync(SCRIPTS).filter((f) => f.endsWith(".ts") && !extra.includes(f));
    assert.deepEqual(files.filter((f) => !listed.has(f)), []);
  });

  for (const row of TABLE) {
    test(`${row.script} → ${row.code}: ${row.why}`, async () => {
      server.requests = 0;
      const r = await runCli(["run", "-q", "-e", `BASE=${server.url}`, ...(row.args ?? []), `${SCRIPTS}${row.script}`]);
      assert.equal(r.code, row.code, `exit code of ${row.script}\nstderr:\n${r.stderr}\nstdout:\n${r.stdout.slice(-2000)}`);
      row.check?.(r, server.requests);
    });
  }
});
