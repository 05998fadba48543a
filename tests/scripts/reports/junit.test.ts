import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { junitXml } from "../../../scripts/reports/junit.ts";
import { inconclusiveRun, llmRun, sampleRun } from "./run-fixture.ts";
import { childrenNamed, parseXml, textOf } from "./xml-parse.ts";

describe("junit.xml", () => {
  const root = parseXml(junitXml(sampleRun()));
  const suites = childrenNamed(root, "testsuite");
  const cases = suites[0] ? childrenNamed(suites[0], "testcase") : [];
  const byName = (name: string) => cases.find((c) => c.attrs.name === name);

  it("is well-formed XML with one testsuite inside testsuites", () => {
    assert.equal(root.name, "testsuites");
    assert.equal(suites.length, 1);
  });

  it("counts tests, failures, errors and skipped on the suite", () => {
    assert.deepEqual(suites[0]?.attrs, { name: "ai-chaos smoke", tests: "4", failures: "1", errors: "1", skipped: "1", time: "59.600", timestamp: "2025-11-26T19:18:03" });
  });

  it("has one testcase per scenario, classname by category, time in seconds", () => {
    assert.deepEqual(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.time]), [
      ["baseline", "ai-chaos.baseline", "27.400"],
      ["provider-outage", "ai-chaos.dependency-chaos", "31.000"],
      ["slow-network", "ai-chaos.network-chaos", "1.200"],
      ["pod-failure", "ai-chaos.pod-failure", "0.000"],
    ]);
  });

  it("gives a passed scenario no failure, error or skipped element", () => {
    const c = byName("baseline");
    assert.ok(c);
    assert.deepEqual(["failure", "error", "skipped"].flatMap((n) => childrenNamed(c, n)), []);
  });

  it("lists the breached thresholds in the failure element", () => {
    const failure = byName("provider-outage") && childrenNamed(byName("provider-outage")!, "failure")[0];
    assert.ok(failure);
    assert.equal(failure.attrs.message, "2 thresholds breached");
    assert.equal(failure.attrs.type, "thresholds");
    assert.match(textOf(failure), /ai_req_failed\{phase:after\} rate<0\.01 \(observed 0\.06\)/);
    assert.match(textOf(failure), /p\(95\)<1000 \(observed 3200\)/);
  });

  it("puts an error's reason and its stderr, stripped of colour codes and control characters, in the error element", () => {
    const error = childrenNamed(byName("slow-network")!, "error")[0];
    assert.ok(error);
    assert.equal(error.attrs.type, "exit-107");
    assert.match(error.attrs.message ?? "", /^exit 107: script error/);
    assert.equal(textOf(error), "ERRO <init> failed & stopped bell");
  });

  it("marks a scenario that never ran as skipped with the reason", () => {
    assert.equal(childrenNamed(byName("pod-failure")!, "skipped")[0]?.attrs.message, "not run: interrupted");
  });

  it("records the run's profile, engine and completeness as properties", () => {
    const props = childrenNamed(childrenNamed(suites[0]!, "properties")[0]!, "property");
    const map = Object.fromEntries(props.map((p) => [p.attrs.name, p.attrs.value]));
    assert.deepEqual([map.profile, map.engine, map.complete, map.stopped_by, map.fragile], ["smoke", "Node runner (no k6 on PATH)", "false", "interrupted", "fallback"]);
  });

  it("types a crashed engine's error engine-crash and lists crashed scenarios as a property", () => {
    const run = sampleRun();
    Object.assign(run.scenarios[2]!, { exitCode: null, reason: "engine killed by SIGKILL, no summary", crashed: true });
    run.crashed = ["slow-network"];
    const suite = childrenNamed(parseXml(junitXml(run)), "testsuite")[0]!;
    const crashed = childrenNamed(suite, "testcase").find((c) => c.attrs.name === "slow-network")!;
    assert.deepEqual(childrenNamed(crashed, "error")[0]?.attrs, { message: "engine killed by SIGKILL, no summary", type: "engine-crash" });
    const props = childrenNamed(childrenNamed(suite, "properties")[0]!, "property");
    assert.equal(props.find((p) => p.attrs.name === "crashed")?.attrs.value, "slow-network");
  });

  it("reports an inconclusive scenario as skipped with its reason and the landing threshold, counted in the suite's skipped", () => {
    const suite = childrenNamed(parseXml(junitXml(inconclusiveRun())), "testsuite")[0]!;
    assert.deepEqual([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors, suite.attrs.skipped], ["2", "0", "0", "1"]);
    const testcase = childrenNamed(suite, "testcase").find((c) => c.attrs.name === "provider-outage")!;
    const skipped = childrenNamed(testcase, "skipped")[0];
    assert.equal(skipped?.attrs.message, "inconclusive: the fault disrupt#1 landed on nothing (affected 0): the service never sent that target the traffic the scenario needs");
    assert.equal(textOf(skipped!), "ai_fault_landed{fault:disrupt#1} rate==1 (observed 0)");
    assert.deepEqual(["failure", "error"].flatMap((n) => childrenNamed(testcase, n)), []);
    assert.equal(childrenNamed(testcase, "system-out").length, 1, "it ran: its figures and files are kept");
  });

  it("keeps each scenario's key and LLM figures in its system-out, `–` where absent", () => {
    const suite = childrenNamed(parseXml(junitXml(llmRun())), "testsuite")[0]!;
    const out = (name: string) => textOf(childrenNamed(childrenNamed(suite, "testcase").find((c) => c.attrs.name === name)!, "system-out")[0]!).split("\n")[0];
    assert.equal(out("provider-outage"), "requests=264 errors=5.00% p95=703ms p95_ttft=240ms recovery=– goodput=92.08% output_tok_s=412 itl_p95=38ms amplification_during=3.10×");
    assert.match(out("pod-failure") ?? "", / goodput=– output_tok_s=– itl_p95=– amplification_during=–$/);
  });

  it("the checker itself rejects malformed XML", () => {
    for (const bad of ["<a><b></a>", "<a>x & y</a>", '<a x="1" x="2"/>', "<a/><b/>", "<a>\u0007</a>", "<a>"]) {
      assert.throws(() => parseXml(bad), Error, bad);
    }
  });
});
