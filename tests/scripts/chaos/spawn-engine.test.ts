// The engine process: its argv (k6 run's flags) and the signals the suite sends it, recorded so
// that an engine dying of the suite's own signal is not called a crash.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { engineArgs, startEngine } from "../../../scripts/chaos/spawn-engine.ts";
import { engineCrash } from "../../../scripts/chaos/verdict.ts";
import { FAKE_K6 } from "./suite-project.ts";

// k6's flags: -e and --include-system-env-vars and --summary-export in
// internal/cmd/runtime_options.go, --out in internal/cmd/config.go, -q in internal/cmd/root.go.
describe("engineArgs", () => {
  it("is k6 run's command line: vars as -e, the summary export and JSON output in the scenario's folder, quiet", () => {
    assert.deepEqual(engineArgs({ script: "/b/s.js", dir: "/r/s", vars: { PROFILE: "smoke", RATE: "5" }, systemEnv: true }),
      ["run", "/b/s.js", "-e", "PROFILE=smoke", "-e", "RATE=5", "--summary-export", "/r/s/summary.json", "--out", "json=/r/s/metrics.json", "-q"]);
  });
  it("keeps the process environment out of __ENV when asked (k6's --include-system-env-vars=false)", () => {
    assert.ok(engineArgs({ script: "s.js", dir: "d", vars: {}, systemEnv: false }).includes("--include-system-env-vars=false"));
  });
});

describe("startEngine's record of the signals it sent", () => {
  const dir = mkdtempSync(join(tmpdir(), "chaos-crash-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the forwarded SIGINT, so an engine dying of it is interrupted, not crashed", async () => {
    const script = join(dir, "s.js");
    writeFileSync(script, `// fake-k6: ${JSON.stringify({ hang: true, sigint: "default" })}\n`);
    const engine = startEngine({ engine: { kind: "k6", command: FAKE_K6, prefix: [], label: "fake" }, script, dir, vars: {}, env: { PATH: process.env.PATH }, systemEnv: true, timeoutMs: 20_000 });
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
