// End to end with a fake engine (fixtures/fake-k6.mjs as K6_BIN) and a fake stack: scenario
// files in a temp folder, a fake build that writes each script's planned outcome, real
// processes, real report files (suite-project.ts).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runChaos } from "../../../scripts/chaos/suite.ts";
import { FAKE_K6, fakeFaults, project as projectIn, summary } from "./suite-project.ts";

const tmp = mkdtempSync(join(tmpdir(), "chaos-suite-"));
const faults = await fakeFaults();
const faultsUrl = faults.url;
const resets = faults.requests;
after(() => {
  faults.close();
  rmSync(tmp, { recursive: true, force: true });
});
const project = (name: string, plans: Parameters<typeof projectIn>[3]) => projectIn(tmp, name, faultsUrl, plans);

describe("npm run chaos, end to end with a fake k6", () => {
  it("runs a passing and a breaching scenario: exit 99, table, reports, stack started and stopped", async () => {
    const p = project("mixed", {
      ok: { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } },
      breach: { category: "dependency-chaos", plan: { exit: 99, summary: summary("summary-breached.json") } },
    });
    resets.length = 0;
    const code = await runChaos(["--out-dir", p.outDir, "--fragile=fallback"], p.deps);
    assert.equal(code, 99);
    const out = p.lines.join("\n");
    assert.match(out, new RegExp(`engine: k6 v1\\.3\\.0 \\(K6_BIN=${FAKE_K6}\\)`));
    assert.match(out, /\[1\/2\] breach \(dependency-chaos\) running…/);
    assert.match(out, /\[1\/2\] breach ✗ failed in [\d.]+s: 2 thresholds breached/);
    assert.match(out, /\nok\s+baseline\s+✓ passed\s+0\s+250\s+0\.00%\s+178ms\s+72ms\s+–\n/);
    assert.match(out, /✗ failed breach: 2 thresholds breached\n {4}ai_req_failed\{phase:after\} rate<0\.01 \(observed 0\.06\)/);
    assert.match(out, /1 passed, 1 failed; exit 99/);
    assert.deepEqual(p.stack.started, [{ fragile: ["fallback"], ports: "default" }]);
    assert.equal(p.stack.stopped, 1);
    assert.deepEqual(resets, ["POST /reset"], "one reset between the two scenarios");

    const run = p.record();
    assert.deepEqual(run.scenarios.map((s) => [s.name, s.verdict, s.exitCode]), [["breach", "failed", 99], ["ok", "passed", 0]]);
    assert.equal(run.complete, true);
    assert.equal(run.exitCode, 99);
    for (const f of ["run.json", "report.md", "junit.xml", "ok/summary.json", "ok/metrics.json", "ok/stdout.txt", "ok/stderr.txt", "breach/summary.json"]) {
      assert.ok(existsSync(join(p.runDir(), f)), f);
    }
    assert.match(readFileSync(join(p.runDir(), "junit.xml"), "utf8"), /<failure message="2 thresholds breached" type="thresholds">/);
    assert.match(readFileSync(join(p.runDir(), "report.md"), "utf8"), /\| breach \| dependency-chaos \| ✗ failed \|/);

    const stdout = readFileSync(join(p.runDir(), "ok", "stdout.txt"), "utf8");
    assert.match(stdout, new RegExp(`fake-k6 vars \\{"PROFILE":"smoke","BASE_URL":"http://127\\.0\\.0\\.1:9","FAULTS_URL":"${faultsUrl}"\\}`));
    assert.match(stdout, /"--summary-export",".*ok\/summary\.json","--out","json=.*ok\/metrics\.json","-q"/);
    assert.match(stdout, /K6_NO_USAGE_REPORT=true/);
  });

  it("targets BASE_URL without starting a stack, and exits 0 when everything passes", async () => {
    const p = project("remote", { ok: { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } } });
    p.deps.env = { ...p.deps.env, BASE_URL: "http://gw.example:8080" };
    assert.equal(await runChaos(["--out-dir", p.outDir, "--profile", "load"], p.deps), 0);
    assert.deepEqual(p.stack.started, []);
    assert.match(p.lines.join("\n"), /target: http:\/\/gw\.example:8080 \(BASE_URL\)/);
    assert.match(readFileSync(join(p.runDir(), "ok", "stdout.txt"), "utf8"), /"PROFILE":"load","BASE_URL":"http:\/\/gw\.example:8080"\}/);
  });

  it("names the profile overrides it ran with in run.json and report.md, and passes them to the engine", async () => {
    const p = project("overrides", { ok: { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } } });
    p.deps.env = { ...p.deps.env, BASE_URL: "http://gw.example:8080", RATE: "50", FAULT_DURATION: "30s" };
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 0);
    assert.equal(p.record().profile, "smoke (RATE=50, FAULT_DURATION=30s)");
    assert.match(readFileSync(join(p.runDir(), "report.md"), "utf8"), /- profile: smoke \(RATE=50, FAULT_DURATION=30s\)/);
    assert.match(readFileSync(join(p.runDir(), "ok", "stdout.txt"), "utf8"), /RATE=50/);
  });

  it("exits 1 when a scenario errors, keeping its exit code's meaning and stderr", async () => {
    const p = project("error", {
      bad: { category: "baseline", plan: { exit: 107, stderr: "ERRO GoError: boom in init\n" } },
      breach: { category: "pod-failure", plan: { exit: 99, summary: summary("summary-breached.json") } },
    });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    const bad = p.record().scenarios.find((s) => s.name === "bad");
    assert.equal(bad?.verdict, "error");
    assert.match(bad?.reason ?? "", /^exit 107: script error/);
    assert.equal(bad?.stderrTail, "ERRO GoError: boom in init");
    assert.ok(p.lines.includes("      | ERRO GoError: boom in init"), "the log shows why");
  });

  it("on Ctrl-C stops the running scenario, skips the rest, writes an incomplete report, stops the stack, exits 105", async () => {
    const p = project("interrupt", {
      a: { category: "baseline", plan: { hang: true, summary: summary("summary-passed.json") } },
      b: { category: "baseline", plan: { exit: 0 } },
    });
    const running = runChaos(["--out-dir", p.outDir], p.deps);
    const deadline = Date.now() + 10_000;
    while (!(existsSync(p.outDir) && readdirSync(p.outDir).length > 0 && readFileSync(join(p.runDir(), "a", "stdout.txt"), { encoding: "utf8", flag: "a+" }).includes("ready"))) {
      if (Date.now() > deadline) assert.fail("the fake engine never became ready");
      await new Promise((r) => setTimeout(r, 50));
    }
    p.deps.control.interrupt();
    assert.equal(await running, 105);
    const run = p.record();
    assert.equal(run.complete, false);
    assert.equal(run.stoppedBy, "interrupted");
    assert.deepEqual(run.scenarios.map((s) => [s.name, s.verdict, s.reason]), [["a", "error", "exit 105: interrupted (SIGINT/SIGTERM)"], ["b", "skipped", "not run: interrupted"]]);
    assert.equal(p.stack.stopped, 1);
    assert.match(readFileSync(join(p.runDir(), "report.md"), "utf8"), /\*\*incomplete run\*\*: interrupted/);
  });

  it("writes reports marking every scenario not run when the build fails, and exits 1", async () => {
    const p = project("build-fails", { a: { category: "baseline", plan: {} } });
    p.deps.build = async () => {
      throw new Error("build failed: scenarios/a.ts: Expected \";\"");
    };
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    assert.deepEqual(p.stack.started, [], "no stack for a run that cannot run");
    const run = p.record();
    assert.equal(run.complete, false);
    assert.match(run.scenarios[0]?.reason ?? "", /^not run: build failed/);
  });

  it("rejects a bad command line with exit 2 before building, starting or writing anything", async () => {
    const p = project("usage", { a: { category: "baseline", plan: {} } });
    let built = false;
    p.deps.build = async () => void (built = true);
    assert.equal(await runChaos(["--out-dir", p.outDir, "--scenario", "nope"], p.deps), 2);
    assert.equal(await runChaos(["--out-dir", p.outDir, "--fragile=retries"], { ...p.deps, env: { ...p.deps.env, BASE_URL: "http://x" } }), 2);
    assert.equal(built, false);
    assert.equal(existsSync(p.outDir), false);
    assert.match(p.lines.join("\n"), /unknown scenario "nope"; scenarios are: a/);
    assert.match(p.lines.join("\n"), /--fragile switches the local stack's gateway, but BASE_URL is set/);
  });
});
