// An engine that dies mid-fault (fixtures/fake-k6.mjs injecting a fault, then SIGKILLing itself):
// the suite clears the fault at once, goes on, writes every report marked incomplete, stops the
// stack and exits 1. The fault controller is a recording stand-in (suite-project.ts).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, beforeEach, describe, it } from "node:test";
import { runChaos } from "../../../scripts/chaos/suite.ts";
import { fakeFaults, project, summary } from "./suite-project.ts";

const tmp = mkdtempSync(join(tmpdir(), "chaos-crash-"));
const faults = await fakeFaults();
after(() => {
  faults.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => void (faults.requests.length = 0));

const crashing = { category: "dependency-chaos", plan: { inject: true, kill: "SIGKILL", stderr: "INFO fault injected on provider-a\n" } };

describe("npm run chaos when an engine crashes during a fault", () => {
  it("records an error naming the signal, clears the fault at once, runs the next scenario, reports an incomplete run", async () => {
    const p = project(tmp, "crash-then-ok", faults.url, { "a-outage": crashing, "b-ok": { category: "baseline", plan: { exit: 0, summary: summary("summary-passed.json") } } });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    assert.deepEqual(faults.requests, ["POST /faults", "POST /reset"], "one reset, right after the crash; none doubled before the next scenario");
    assert.equal(p.stack.stopped, 1);

    const run = p.record();
    assert.equal(run.complete, false);
    assert.deepEqual(run.crashed, ["a-outage"]);
    assert.equal(run.stoppedBy, undefined, "the run was not stopped: it went on");
    assert.equal(run.exitCode, 1);
    const [a, b] = run.scenarios;
    assert.deepEqual([a?.verdict, a?.exitCode, a?.reason, a?.crashed], ["error", null, "engine killed by SIGKILL, no summary", true]);
    assert.equal(a?.stderrTail, "INFO fault injected on provider-a");
    assert.deepEqual([b?.name, b?.verdict, b?.crashed], ["b-ok", "passed", undefined]);

    const out = p.lines.join("\n");
    assert.match(out, /\[1\/2\] a-outage ✗ error in [\d.]+s: engine killed by SIGKILL, no summary\n.*\n {6}faults on the local stack cleared; going on\n\[2\/2\] b-ok/);
    assert.match(out, /1 passed, 1 error \(incomplete run: engine crashed in a-outage\); exit 1/);
    assert.match(p.report("report.md"), /\(1 passed, 1 error; exit 1\), \*\*incomplete run\*\*: engine crashed in a-outage/);
    assert.match(p.report("junit.xml"), /<property name="complete" value="false"\/>[^]*<property name="crashed" value="a-outage"\/>/);
    assert.match(p.report("junit.xml"), /<error message="engine killed by SIGKILL, no summary" type="engine-crash">/);
    assert.match(p.report("index.html"), /<p class="incomplete">Incomplete run: engine crashed in a-outage<\/p>/);
  });

  it("clears the fault right after the crash even when no scenario follows, then stops the stack", async () => {
    const p = project(tmp, "crash-last", faults.url, { outage: crashing });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    assert.deepEqual(faults.requests, ["POST /faults", "POST /reset"]);
    assert.equal(p.stack.stopped, 1);
    assert.deepEqual([p.record().complete, p.record().crashed], [false, ["outage"]]);
  });

  it("names an exit code k6 never uses (a Node runner's uncaught exception) as a crash too", async () => {
    const p = project(tmp, "exit-1", faults.url, { boom: { category: "baseline", plan: { exit: 1, stderr: "TypeError: x is not a function\n" } } });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    const [boom] = p.record().scenarios;
    assert.deepEqual([boom?.verdict, boom?.exitCode, boom?.reason], ["error", 1, "engine crashed (exit 1, not a k6 exit code), no summary"]);
    assert.deepEqual(faults.requests, ["POST /reset"]);
  });

  it("keeps a scenario error k6 reports itself (exit 107) out of the crash list: the run stays complete", async () => {
    const p = project(tmp, "script-error", faults.url, { bad: { category: "baseline", plan: { exit: 107 } } });
    assert.equal(await runChaos(["--out-dir", p.outDir], p.deps), 1);
    assert.deepEqual([p.record().complete, p.record().crashed, p.record().scenarios[0]?.crashed], [true, undefined, undefined]);
  });
});
