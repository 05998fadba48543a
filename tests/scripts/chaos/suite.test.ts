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

  it("calls a run whose only breach is a fault that landed on nothing inconclusive: exit 3, its own word in every report", async () => {
    const p = project("unlanded", {
      ok: { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } },
      unlanded: { category: "dependency-chaos", plan: { exit: 99, summary: summary("summary-unlanded.json") } },
    });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 3);
    const out = p.lines.join("\n");
    assert.match(out, /\[2\/2\] unlanded \? inconclusive in [\d.]+s: the fault disrupt#1 landed on nothing \(affected 0\): the service never sent that target the traffic the scenario needs/);
    assert.match(out, /\nunlanded\s+dependency-chaos\s+\? inconclusive\s+1\s+262\s/);
    assert.match(out, /1 passed, 1 inconclusive; exit 3/);
    const run = p.record();
    assert.deepEqual(run.scenarios.map((s) => [s.name, s.verdict, s.exitCode]), [["ok", "passed", 0], ["unlanded", "inconclusive", 99]]);
    assert.equal(run.exitCode, 3);
    assert.match(p.report("report.md"), /\| unlanded \| dependency-chaos \| \? inconclusive \|/);
    assert.match(p.report("junit.xml"), /<skipped message="inconclusive: the fault disrupt#1 landed on nothing/);
    assert.match(p.report("index.html"), /<header class="inconclusive">/);
  });

  it("fails a run where a fault landed on nothing and another threshold breached too: exit 99, the fault named", async () => {
    const p = project("unlanded-breached", {
      both: { category: "dependency-chaos", plan: { exit: 99, summary: summary("summary-unlanded-breached.json") } },
      unlanded: { category: "dependency-chaos", plan: { exit: 99, summary: summary("summary-unlanded.json") } },
    });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 99, "failed outranks inconclusive");
    const both = p.record().scenarios.find((s) => s.name === "both");
    assert.deepEqual([both?.verdict, both?.reason], ["failed", "2 thresholds breached; the fault disrupt#1 also landed on nothing (affected 0)"]);
    assert.match(p.report("junit.xml"), /<failure message="2 thresholds breached; the fault disrupt#1 also landed on nothing \(affected 0\)" type="thresholds">/);
  });

  it("shows goodput, output tok/s, ITL p95 and amplification where the export has them, `–` for an older export, in the table, run.json and every report", async () => {
    const p = project("llm", {
      amplified: { category: "dependency-chaos", plan: { exit: 99, summary: summary("summary-llm.json") } },
      older: { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } },
    });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 99);
    const out = p.lines.join("\n");
    assert.match(out, /\nscenario\s+goodput\s+output tok\/s\s+ITL p95\s+amp\. during\n[─ ]+\namplified\s+92\.08%\s+412\s+38ms\s+3\.10×\nolder\s+–\s+–\s+–\s+–\n/);
    assert.match(out, /✗ failed amplified: 1 threshold breached\n {4}ai_upstream_amplification\{phase:during\} max<=2 \(observed 3\.1\)/);
    const [amplified, older] = p.record().scenarios;
    assert.deepEqual(amplified?.figures, {
      requests: 264, errorRate: 0.05, p95Ms: 702.5, ttftP95Ms: 240,
      goodput: 0.9208333333333333, outputTokensPerSecond: 411.5, itlP95Ms: 38.4, amplification: { before: 1, during: 3.1, after: 1.02 },
    });
    assert.deepEqual(older?.figures, { requests: 250, errorRate: 0, p95Ms: 178.25, ttftP95Ms: 71.5 });
    assert.match(p.report("report.md"), /\| amplified \| 92\.08% \| 412 \| 38ms \| 3\.10× \|\n\| older \| – \| – \| – \| – \|/);
    assert.match(p.report("junit.xml"), /goodput=92\.08% output_tok_s=412 itl_p95=38ms amplification_during=3\.10×/);
    assert.match(p.report("index.html"), /<span class="phase over">during <b>3\.10× ✗<\/b><\/span>/);
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

  it("never prints nor writes API_KEY, FAULTS_TOKEN, HEADERS' values or BASE_URL's password, even when the engine echoes them", async () => {
    const p = project("secrets", {
      echoing: { category: "baseline", plan: { exit: 107, echoSecrets: true, summary: summary("summary-passed.json") } },
      ok: { category: "baseline", plan: { exit: 0, echoSecrets: true, summary: summary("summary-passed.json") } },
    });
    const secrets = ["sk-test-4f9a1c2e7b", "ft-0123456789abcdef0123", "tenant-secret-42", 'tr"ace-77', "pa55word-x"];
    p.deps.env = {
      ...p.deps.env, API_KEY: secrets[0], FAULTS_TOKEN: secrets[1], BASE_URL: `http://tester:${secrets[4]}@127.0.0.1:9`,
      HEADERS: JSON.stringify({ "x-tenant": secrets[2], "x-trace": secrets[3], "x-debug": "1" }),
    };
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    const out = p.lines.join("\n");
    assert.match(out, /ERRO request failed: API_KEY=<redacted> HEADERS=\{"x-tenant":"<redacted>","x-trace":"<redacted>","x-debug":"1"\} FAULTS_TOKEN=<redacted>/, "the error's stderr is shown, redacted");
    assert.match(out, /target: http:\/\/<redacted>:<redacted>@127\.0\.0\.1:9 \(BASE_URL\)/);
    assert.match(out, /warning: HEADERS\["x-debug"\] is shorter than 4 characters/);
    // Every file under the run folder, the engine's own included, as written and JSON-escaped.
    const files = readdirSync(p.runDir(), { recursive: true, encoding: "utf8" }).filter((f) => f.includes("."));
    assert.ok(files.includes("run.json") && files.includes(join("echoing", "metrics.json")) && files.includes(join("ok", "summary.json")), files.join(", "));
    for (const file of files) {
      const text = readFileSync(join(p.runDir(), file), "utf8");
      for (const secret of secrets) {
        for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) assert.ok(!text.includes(form) && !out.includes(form), `${form} in ${file} or the output`);
      }
    }
    assert.equal(p.record().target.baseUrl, "http://<redacted>:<redacted>@127.0.0.1:9");
    assert.match(p.report("echoing/stderr.txt"), /API_KEY=<redacted>/);
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
