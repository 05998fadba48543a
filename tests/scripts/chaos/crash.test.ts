import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { engineCrash, shellSignal } from "../../../scripts/chaos/crash.ts";
import { startEngine } from "../../../scripts/chaos/spawn-engine.ts";
import { FAKE_K6 } from "./suite-project.ts";

const end = (exitCode: number | null, signal: string | null, signalsSent: string[] = []) => ({ exitCode, signal, signalsSent });

describe("engineCrash", () => {
  it("calls a death by a signal the suite did not send a crash, saying whether a summary was left", () => {
    assert.equal(engineCrash(end(null, "SIGKILL"), false), "engine killed by SIGKILL, no summary");
    assert.equal(engineCrash(end(null, "SIGSEGV", ["SIGINT"]), true), "engine killed by SIGSEGV, summary export written");
  });

  it("does not call a death by the suite's own signal (Ctrl-C forwarded, watchdog) a crash", () => {
    assert.equal(engineCrash(end(null, "SIGINT", ["SIGINT"]), false), undefined);
    assert.equal(engineCrash(end(null, "SIGKILL", ["SIGINT", "SIGKILL"]), false), undefined);
  });

  it("calls k6's panic code and exit codes k6 never uses crashes", () => {
    assert.equal(engineCrash(end(109, null), false), "engine panicked (exit 109), no summary");
    assert.equal(engineCrash(end(1, null), false), "engine crashed (exit 1, not a k6 exit code), no summary");
    assert.equal(engineCrash(end(137, null), false), "engine crashed (exit 137, as a shell reports a process killed by SIGKILL), no summary");
  });

  it("leaves k6's own outcomes alone, a shell wrapper's report of our Ctrl-C included", () => {
    for (const code of [0, 99, 104, 105, 107, 108, 110, 255]) assert.equal(engineCrash(end(code, null), false), undefined, `exit ${code}`);
    assert.equal(engineCrash(end(130, null, ["SIGINT"]), false), undefined);
  });

  it("reads a shell's 128 + N as signal N, and nothing else", () => {
    assert.deepEqual([shellSignal(137), shellSignal(130), shellSignal(143)], ["SIGKILL", "SIGINT", "SIGTERM"]);
    assert.deepEqual([shellSignal(128), shellSignal(1), shellSignal(255)], [undefined, undefined, undefined]);
  });
});

describe("startEngine's record of the signals it sent", () => {
  const dir = mkdtempSync(join(tmpdir(), "chaos-crash-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the forwarded SIGINT, so an engine dying of it is interrupted, not crashed", async () => {
    const script = join(dir, "s.js");
    writeFileSync(script, `// fake-k6: ${JSON.stringify({ hang: true, sigint: "default" })}\n`);
    const engine = startEngine({ engine: { kind: "k6", command: FAKE_K6, prefix: [], label: "fake" }, script, dir, vars: {}, env: { PATH: process.env.PATH }, timeoutMs: 20_000 });
    const stdout = join(dir, "stdout.txt");
    const until = Date.now() + 10_000;
    while (!(existsSync(stdout) && readFileSync(stdout, "utf8").includes("ready"))) {
      if (Date.now() > until) assert.fail("the fake engine never became ready");
      await new Promise((r) => setTimeout(r, 50));
    }
    engine.interrupt();
    const exit = await engine.done;
    assert.deepEqual([exit.exitCode, exit.signal, exit.signalsSent], [null, "SIGINT", ["SIGINT"]]);
    assert.equal(engineCrash(exit, false), undefined);
  });
});
