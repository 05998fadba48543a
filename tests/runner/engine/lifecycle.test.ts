import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { runCli, SCRIPTS } from "../helpers/cli.ts";
import { startServer, type TestServer } from "../helpers/server.ts";

const LONG_RUN = fileURLToPath(new URL("./fixtures/long-run.ts", import.meta.url));

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

  test("abortOnFail stops a 20 s test at the first 2 s evaluation, exits 99, and still runs teardown and handleSummary", async () => {
    const r = await runCli(["run", "-q", "-e", `BASE=${server.url}`, `${SCRIPTS}abort-on-fail.ts`]);
    assert.equal(r.code, 99, r.stderr);
    assert.ok(r.ms < 8000, `took ${r.ms} ms; evaluation runs every 2 s`);
    assert.match(r.stderr, /abortOnFail/);
    assert.match(r.stderr, /teardown ran/);
    assert.match(r.stdout, /handleSummary ran/);
  });

  test("SIGTERM stops the test gracefully: exit 105, teardown and summary still run", async () => {
    const r = await runCli(["run", "-q", LONG_RUN], {
      onStart: (child) => { setTimeout(() => child.kill("SIGTERM"), 2000); },
    });
    assert.equal(r.code, 105, r.stderr);
    assert.ok(r.ms < 8000, `took ${r.ms} ms`);
    assert.match(r.stderr, /teardown ran/);
    assert.match(r.stdout, /handleSummary ran/);
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
});
