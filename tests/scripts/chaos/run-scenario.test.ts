// The one runner of a scenario (scripts/chaos/run-scenario.ts), driven with the fake k6
// (fixtures/fake-k6.mjs): what `npm run chaos`, the test suites and bench:suite all get back.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runOneScenario, startScenario, tailLines, type ScenarioRun } from "../../../scripts/chaos/run-scenario.ts";
import { FAKE_K6, summary } from "./suite-project.ts";

const dir = mkdtempSync(join(tmpdir(), "run-scenario-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A run of the fake engine on a script whose `// fake-k6:` line is `plan`. */
function fakeRun(name: string, plan: object, over: Partial<ScenarioRun> = {}): ScenarioRun {
  const scriptDir = join(dir, "build");
  mkdirSync(scriptDir, { recursive: true });
  writeFileSync(join(scriptDir, `${name}.js`), `// fake-k6: ${JSON.stringify(plan)}\n`);
  return {
    name, engine: { kind: "k6", command: FAKE_K6, prefix: [], label: "fake" }, scriptDir, outDir: join(dir, "out"),
    target: { baseUrl: "http://127.0.0.1:9", faultsUrl: "http://127.0.0.1:10" }, vars: { PROFILE: "smoke" },
    timeoutMs: 20_000, env: { PATH: process.env.PATH }, ...over,
  };
}

describe("runOneScenario", () => {
  it("judges exit 99 by the summary export's breaches, with the files in <outDir>/<name>/", async () => {
    const r = await runOneScenario(fakeRun("breach", { exit: 99, summary: summary("summary-breached.json") }, { category: "dependency-chaos" }));
    assert.deepEqual([r.name, r.category, r.verdict, r.exitCode, r.reason], ["breach", "dependency-chaos", "failed", 99, "2 thresholds breached"]);
    assert.deepEqual(r.breaches.map((b) => b.metric), ["ai_req_failed{phase:after}", "http_req_duration{phase:during,kind:chat,expected_response:false}"]);
    assert.deepEqual(r.files, ["breach/summary.json", "breach/metrics.json", "breach/stdout.txt", "breach/stderr.txt"]);
  });

  it("passes vars, then the target as BASE_URL and FAULTS_URL, and tells k6 not to report usage", async () => {
    await runOneScenario(fakeRun("vars", { exit: 0 }));
    const stdout = readFileSync(join(dir, "out", "vars", "stdout.txt"), "utf8");
    assert.match(stdout, /fake-k6 vars \{"PROFILE":"smoke","BASE_URL":"http:\/\/127\.0\.0\.1:9","FAULTS_URL":"http:\/\/127\.0\.0\.1:10"\}/);
    assert.match(stdout, /K6_NO_USAGE_REPORT=true/);
  });

  it("keeps an error's stderr tail and calls an engine killed by the caller an error, not a crash", async () => {
    const running = startScenario(fakeRun("killed", { hang: true, stderr: "never written\n" }));
    const stdout = join(dir, "out", "killed", "stdout.txt");
    for (const until = Date.now() + 10_000; !readFileSync(stdout, "utf8").includes("ready");) {
      if (Date.now() > until) assert.fail("the fake engine never became ready");
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(running.pid !== undefined);
    running.kill();
    const r = await running.result;
    assert.deepEqual([r.verdict, r.exitCode, r.reason, r.crashed], ["error", null, "killed by SIGKILL", undefined]);
    assert.equal(r.stderrTail, "");
  });

  it("names an engine that cannot start", async () => {
    const r = await runOneScenario({ ...fakeRun("missing", {}), engine: { kind: "k6", command: join(dir, "no-such-k6"), prefix: [], label: "none" } });
    assert.equal(r.verdict, "error");
    assert.match(r.reason, /^could not start .*no-such-k6: spawn .*ENOENT/);
  });
});

describe("stderr tail", () => {
  it("keeps the last non-empty lines without colour codes", () => {
    const file = join(dir, "stderr.txt");
    writeFileSync(file, "one\n\ntwo\n\u001b[31mERRO\u001b[0m[0000] three\n\n");
    assert.equal(tailLines(file, 2), "two\nERRO[0000] three");
  });
  it("reads only the end of a large file", () => {
    const file = join(dir, "big.txt");
    writeFileSync(file, `${"x".repeat(100_000)}\nlast\n`);
    assert.equal(tailLines(file, 1), "last");
  });
  it("is empty for a missing file", () => assert.equal(tailLines(join(dir, "none"), 5), ""));
});
