import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { detectEngine, findOnPath, nodeRunner } from "../../../scripts/chaos/engine.ts";
import { UsageError } from "../../../scripts/chaos/usage-error.ts";

const FAKE_K6 = fileURLToPath(new URL("./fixtures/fake-k6.mjs", import.meta.url));
const ROOT = "/project";
const tmp = mkdtempSync(join(tmpdir(), "engine-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

// A PATH folder holding `k6` (a link to the fake), and one with only a non-executable `k6`.
const withK6 = join(tmp, "with-k6");
const noExec = join(tmp, "no-exec");
mkdirSync(withK6);
mkdirSync(noExec);
symlinkSync(FAKE_K6, join(withK6, "k6"));
writeFileSync(join(noExec, "k6"), "not a program");
chmodSync(join(noExec, "k6"), 0o644);
const nodeDir = join(process.execPath, "..");

describe("engine detection", () => {
  it("uses K6_BIN, reporting its version and where it came from", async () => {
    const engine = await detectEngine("auto", { K6_BIN: FAKE_K6, PATH: nodeDir }, ROOT);
    assert.equal(engine.kind, "k6");
    assert.equal(engine.command, FAKE_K6);
    assert.equal(engine.label, `k6 v1.3.0 (K6_BIN=${FAKE_K6})`);
  });

  it("finds k6 on PATH when K6_BIN is unset", async () => {
    const engine = await detectEngine("auto", { PATH: `${noExec}:${withK6}:${nodeDir}` }, ROOT);
    assert.equal(engine.kind, "k6");
    assert.equal(engine.command, join(withK6, "k6"));
    assert.match(engine.label, /^k6 v1\.3\.0 \(.*with-k6\/k6 on PATH\)$/);
  });

  it("falls back to the Node runner, saying there is no k6 on PATH", async () => {
    const engine = await detectEngine("auto", { PATH: `${noExec}:${nodeDir}` }, ROOT);
    assert.equal(engine.kind, "node");
    assert.equal(engine.command, process.execPath);
    assert.deepEqual(engine.prefix, [join(ROOT, "runner", "bin.mjs")]);
    assert.equal(engine.label, "Node runner (no k6 on PATH)");
  });

  it("starts the Node runner with Node flags of the caller's before the runner's path", () => {
    assert.deepEqual(nodeRunner(ROOT, "bench", ["--cpu-prof"]).prefix, ["--cpu-prof", join(ROOT, "runner", "bin.mjs")]);
  });

  it("uses the Node runner for --engine node even when k6 is there", async () => {
    const engine = await detectEngine("node", { K6_BIN: FAKE_K6, PATH: withK6 }, ROOT);
    assert.equal(engine.label, "Node runner (--engine node)");
  });

  it("refuses --engine k6 with no k6 anywhere", async () => {
    await assert.rejects(detectEngine("k6", { PATH: noExec }, ROOT), (err: unknown) => err instanceof UsageError && /no k6 binary found; put k6 on PATH or set K6_BIN/.test(err.message));
  });

  it("refuses a K6_BIN that is not executable instead of silently using something else", async () => {
    await assert.rejects(detectEngine("auto", { K6_BIN: join(noExec, "k6"), PATH: withK6 }, ROOT), /K6_BIN=.*is not an executable file/);
  });

  it("refuses a K6_BIN whose `version` fails", async () => {
    const broken = join(tmp, "broken-k6");
    writeFileSync(broken, "#!/bin/sh\nexit 3\n");
    chmodSync(broken, 0o755);
    await assert.rejects(detectEngine("auto", { K6_BIN: broken }, ROOT), /does not behave like k6/);
  });

  it("findOnPath skips empty entries and non-executables", () => {
    assert.equal(findOnPath("k6", `::${noExec}`), undefined);
    assert.equal(findOnPath("k6", undefined), undefined);
  });
});
