import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { parseArgs } from "../../../runner/cli/args.ts";
import { UsageError } from "../../../runner/errors.ts";
import { runCli } from "../helpers/cli.ts";

test("run flags parse into the flag tier, env, outputs and quiet", () => {
  const a = parseArgs(["run", "-e", "A=1", "--env=B=x=y", "-u", "3", "-d", "1m", "-s", "10s:5", "--stage", "5s:0", "--tag", "t=v", "-o", "json=out.json", "-q", "--no-thresholds", "--summary-export", "s.json", "--summary-trend-stats", "avg,p(99)", "s.ts"]);
  assert.equal(a.script, "s.ts");
  assert.deepEqual(a.env, { A: "1", B: "x=y" });
  assert.deepEqual(a.tier, {
    vus: 3, duration: 60_000, stages: [{ duration: 10_000, target: 5 }, { duration: 5000, target: 0 }], tags: { t: "v" },
    summaryExport: "s.json", summaryTrendStats: ["avg", "p(99)"], noThresholds: true,
  });
  assert.deepEqual(a.outputs, ["json=out.json"]);
  assert.equal(a.quiet, true);
});

test("unknown flags, missing values and malformed values are usage errors", () => {
  for (const argv of [["run", "--bogus", "s.ts"], ["run", "s.ts", "--vus"], ["run", "--vus", "many", "s.ts"], ["run", "--stage", "10s", "s.ts"], ["run", "-e", "NOEQUALS", "s.ts"], ["run"], ["launch", "s.ts"]]) {
    assert.throws(() => parseArgs(argv), UsageError, argv.join(" "));
  }
});

test("--help and no arguments print help", () => {
  assert.equal(parseArgs(["--help"]).command, "help");
  assert.equal(parseArgs([]).command, "help");
});

const OK = fileURLToPath(new URL("../conformance/ok.ts", import.meta.url));

test("the CLI exits 255 (k6's -1) on a bad flag and 104 on a flag value that fails validation", async () => {
  const [bad, negative] = await Promise.all([
    runCli(["run", "--frobnicate", OK]),
    runCli(["run", "-q", "--vus", "-2", "--duration", "1s", OK]),
  ]);
  assert.equal(bad.code, 255);
  assert.match(bad.stderr, /unknown flag: 'frobnicate'/);
  assert.equal(negative.code, 104);
  assert.match(negative.stderr, /vus/);
});
