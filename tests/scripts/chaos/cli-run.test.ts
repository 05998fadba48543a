// `npm run chaos -- --scenario baseline` end to end, as a user runs it: the real CLI in a child
// process, the real build, the real local stack on its default ports (8080, 7070, 9001-2,
// 9101-2: they must be free), the Node runner as engine. About 30 s. Its reports are read back
// and parsed: run.json, junit.xml, index.html; every file of the run is searched for the secrets
// it ran with.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { OVERRIDE_NAMES } from "../../../lib/profile-overrides.ts";
import type { RunRecord } from "../../../scripts/chaos/types.ts";
import type { ChartSet } from "../../../scripts/reports/html/types.ts";
import { parseXml, type XmlElement } from "../reports/xml-parse.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// Smoke is 22 s of load; build, stack start, runner start-up and teardown come on top (ms).
const RUN_LIMIT_MS = 240_000;

const outDir = mkdtempSync(join(tmpdir(), "chaos-cli-run-"));
after(() => rmSync(outDir, { recursive: true, force: true }));

// Secrets the run gets (the stack asks for none, so they change nothing): none may be printed or written.
const SECRETS = { API_KEY: "sk-cli-run-5e3b9d1f", FAULTS_TOKEN: "ft-cli-run-0123456789abcdef", HEADERS: JSON.stringify({ "x-tenant": "tenant-cli-run-77" }) };
const SECRET_VALUES = [SECRETS.API_KEY, SECRETS.FAULTS_TOKEN, "tenant-cli-run-77"];

/** `npx tsx scripts/chaos.ts ...args` with an environment that targets the local stack; resolves with its exit code and output. */
function chaos(args: string[]): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...SECRETS };
  // A target, engine or profile override of the caller's own must not change this run.
  for (const name of ["BASE_URL", "FAULTS_URL", "K6_BIN", "SLO_FILE", ...OVERRIDE_NAMES]) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/chaos.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => void (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => void (out += d.toString()));
  const limit = setTimeout(() => child.kill("SIGINT"), RUN_LIMIT_MS);
  return new Promise((resolve) => child.once("close", (code) => (clearTimeout(limit), resolve({ code, out }))));
}

const elements = (root: XmlElement, name: string): XmlElement[] =>
  root.children.flatMap((c) => (typeof c === "string" ? [] : [...(c.name === name ? [c] : []), ...elements(c, name)]));

describe("npm run chaos -- --scenario baseline, through the real CLI and the local stack", () => {
  it("passes with exit 0 and writes run.json, junit.xml and index.html that say so, and no secret anywhere", { timeout: RUN_LIMIT_MS + 20_000 }, async () => {
    const { code, out } = await chaos(["--scenario", "baseline", "--engine", "node", "--out-dir", outDir]);
    assert.equal(code, 0, out);
    assert.match(out, /^engine: Node runner \(--engine node\)$/m);
    assert.match(out, /^target: http:\/\/127\.0\.0\.1:8080 \(local stack; faults http:\/\/127\.0\.0\.1:7070\)$/m);
    assert.match(out, /^1 passed; exit 0$/m);
    const [runDir, ...others] = readdirSync(outDir);
    assert.ok(runDir && others.length === 0, `one run folder in ${outDir}`);
    const dir = join(outDir, runDir);

    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as RunRecord;
    assert.deepEqual([run.exitCode, run.complete, run.profile, run.engine], [0, true, "smoke", "Node runner (--engine node)"]);
    assert.deepEqual(run.target, { baseUrl: "http://127.0.0.1:8080", faultsUrl: "http://127.0.0.1:7070", localStack: true, fragile: [] });
    assert.equal(run.scenarios.length, 1);
    const [baseline] = run.scenarios;
    assert.deepEqual([baseline?.name, baseline?.category, baseline?.verdict, baseline?.exitCode, baseline?.breaches], ["baseline", "baseline", "passed", 0, []]);
    assert.ok((baseline?.figures.requests ?? 0) > 100, `baseline sent its smoke load: ${JSON.stringify(baseline?.figures)}`);
    assert.deepEqual(baseline?.files, ["baseline/summary.json", "baseline/metrics.json", "baseline/stdout.txt", "baseline/stderr.txt"]);

    const junit = parseXml(readFileSync(join(dir, "junit.xml"), "utf8"));
    const [suite] = elements(junit, "testsuite");
    assert.deepEqual([suite?.attrs.tests, suite?.attrs.failures, suite?.attrs.errors, suite?.attrs.skipped], ["1", "0", "0", "0"]);
    const props = Object.fromEntries(elements(junit, "property").map((p) => [p.attrs.name, p.attrs.value]));
    assert.deepEqual([props.engine, props.complete, props.exit_code], ["Node runner (--engine node)", "true", "0"]);
    const [testcase] = elements(junit, "testcase");
    assert.deepEqual([testcase?.attrs.name, testcase?.attrs.classname], ["baseline", "ai-chaos.baseline"]);
    assert.deepEqual(testcase?.children.filter((c) => typeof c !== "string").map((c) => (c as XmlElement).name), ["system-out"], "no <failure>, <error> or <skipped>");

    const html = readFileSync(join(dir, "index.html"), "utf8");
    assert.match(html, /<header class="passed">[^]*<p class="result">✓ every scenario passed<\/p>/);
    assert.match(html, /<p class="meta">1 passed; exit 0 · profile smoke · Node runner \(--engine node\) · local stack, http:\/\/127\.0\.0\.1:8080/);
    const charts = JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "[]") as ChartSet[];
    assert.equal(charts.length, 1, "one scenario charted");
    assert.match(html, new RegExp(`<section class="scenario passed" id="${charts[0]?.id}">\\n<h3><span class="badge passed">✓ passed</span> baseline `), "its charts belong to baseline's section, marked passed");
    assert.ok(charts[0]?.series.workloadRps.some((rps) => rps > 0), "index.html charts baseline's requests per second (from its metrics.json)");

    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.includes("."));
    assert.equal(files.length, 8, files.join(", "));
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const secret of SECRET_VALUES) assert.ok(!text.includes(secret) && !out.includes(secret), `a secret in ${file} or the output`);
    }
  });
});
