import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli, SCRIPTS } from "../helpers/cli.ts";
import { startServer, type TestServer } from "../helpers/server.ts";

const SLOW_SUMMARY = fileURLToPath(new URL("./fixtures/slow-summary.ts", import.meta.url));

describe("run lifecycle", () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), "runner-lifecycle-"));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  test("handleSummary's map is written to stdout, stderr and files; --summary-export writes k6's legacy JSON", async () => {
    const file = join(dir, "hs.json"), exported = join(dir, "export.json");
    const r = await runCli(["run", "-q", "-e", `BASE=${server.url}`, "-e", `SUMMARY_FILE=${file}`, "--summary-export", exported, `${SCRIPTS}handle-summary.ts`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "custom stdout summary\n", "no default text summary when handleSummary exists");
    assert.match(r.stderr, /custom stderr summary/);
    const hs = JSON.parse(readFileSync(file, "utf8")) as { metrics: string[]; setup_data: unknown; state: { testRunDurationMs: number } };
    assert.ok(hs.metrics.includes("http_reqs") && hs.metrics.includes("iterations"));
    assert.deepEqual(hs.setup_data, { run: "summary" });
    assert.ok(hs.state.testRunDurationMs > 0);
    assert.ok(existsSync(exported));
    const legacy = JSON.parse(readFileSync(exported, "utf8")) as { metrics: Record<string, Record<string, unknown>> };
    assert.equal(legacy.metrics.http_reqs?.count, 2);
  });

  test("without handleSummary the text summary goes to stdout", async () => {
    const r = await runCli(["run", "-q", "-e", `BASE=${server.url}`, `${SCRIPTS}ok.ts`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /http_reqs/);
    assert.match(r.stdout, /THRESHOLDS/);
  });

  test("without -q a progress line reports scenarios, VUs, iterations and dropped on stderr", async () => {
    const r = await runCli(["run", "-e", `BASE=${server.url}`, `${SCRIPTS}ok.ts`]);
    assert.match(r.stderr, /running \(0m0\d\.\ds\), \d+\/1 VUs, 3 complete and 0 interrupted iterations, 0 dropped \| default ✓/);
  });

  // internal/js/runner.go HandleSummary: past handleSummaryTimeout the error is logged and no
  // summary (nor the export) is written; the exit code is the run's.
  test("handleSummary past handleSummaryTimeout is logged, and nothing is written", async () => {
    const exported = join(dir, "slow-export.json");
    const r = await runCli(["run", "-q", "--summary-export", exported, SLOW_SUMMARY]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /failed to handle the end-of-test summary: .*handleSummary\(\) execution timed out after 1 seconds/);
    assert.equal(r.stdout, "");
    assert.equal(existsSync(exported), false);
  });

  // internal/execution/scheduler.go Run: NoSetup / NoTeardown skip them (flags --no-setup, --no-teardown).
  test("--no-setup skips setup (so its exception), --no-teardown skips teardown", async () => {
    const [noSetup, neither] = await Promise.all([
      runCli(["run", "-q", "--no-setup", `${SCRIPTS}setup-error.ts`]),
      runCli(["run", "-q", "--no-setup", "--no-teardown", `${SCRIPTS}setup-error.ts`]),
    ]);
    assert.equal(noSetup.code, 0, noSetup.stderr);
    assert.match(noSetup.stderr, /teardown ran/);
    assert.equal(neither.code, 0, neither.stderr);
    assert.doesNotMatch(neither.stderr, /teardown ran/);
  });
});
