import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseBenchArgs } from "../../bench/lib/args.ts";
import { hotSpots } from "../../bench/lib/cpuprofile.ts";
import { mib, ms, ratio, rps, table } from "../../bench/lib/format.ts";
import { steadyWindow } from "../../bench/lib/proc.ts";
import { replaceSection } from "../../bench/lib/results.ts";

const DEFAULTS = { duration: 8, warmup: 2, connections: [16, 64] };

test("bench flags fall back to the bench's defaults and parse every flag", () => {
  assert.deepEqual(parseBenchArgs([], DEFAULTS), { duration: 8, warmup: 2, connections: [16, 64], memVus: 0, rates: [], dryRun: false });
  const a = parseBenchArgs(["--duration", "3", "--warmup", "0", "--connections", "4, 8", "--mem-vus", "100", "--rates", "10,20", "--dry-run"], { ...DEFAULTS, memVus: 1000, rates: [1000] });
  assert.deepEqual(a, { duration: 3, warmup: 0, connections: [4, 8], memVus: 100, rates: [10, 20], dryRun: true });
});

test("a bad bench flag is refused with a sentence naming it", () => {
  assert.throws(() => parseBenchArgs(["--duration", "0"], DEFAULTS), /--duration must be a number ≥ 1, got "0"/);
  assert.throws(() => parseBenchArgs(["--connections", "16,x"], DEFAULTS), /--connections must be a number/);
  assert.throws(() => parseBenchArgs(["--connections", "1.5"], DEFAULTS), /whole numbers/);
  assert.throws(() => parseBenchArgs(["--mem-vus", "10"], DEFAULTS), /bench:runner only/);
  assert.throws(() => parseBenchArgs(["--rates", "10"], DEFAULTS), /--rates is a flag of bench:runner only/);
  assert.throws(() => parseBenchArgs(["--rates", "10.5"], { ...DEFAULTS, rates: [1] }), /whole iterations\/s/);
  assert.throws(() => parseBenchArgs(["--fast"], DEFAULTS), /Unknown option '--fast'/);
});

test("figures are shown in the report's units", () => {
  assert.equal(ms(1234), "1.23 ms");
  assert.equal(ms(250, true), "+0.25 ms");
  assert.equal(ms(-250, true), "-0.25 ms");
  assert.equal(ratio(7, 10), "0.70×");
  assert.equal(ratio(1, 0), "n/a");
  assert.equal(rps(12345.6), "12,346");
  assert.equal(mib(3 * 1024 * 1024), "3.0 MiB");
  assert.equal(mib(300 * 1024), "300 KiB");
});

test("a table is Markdown and refuses a row of the wrong width", () => {
  assert.equal(table(["a", "b"], [["1", "2"]]), "| a | b |\n| --- | --- |\n| 1 | 2 |");
  assert.throws(() => table(["a", "b"], [["1"]]), /row has 1 cells, header has 2/);
});

test("a bench replaces only its own section of RESULTS.md, or appends it", () => {
  const text = "# T\n\n<!-- x:start -->\nold x\n<!-- x:end -->\n\n<!-- y:start -->\nold y\n<!-- y:end -->\n";
  const replaced = replaceSection(text, "x", "new x");
  assert.match(replaced, /<!-- x:start -->\nnew x\n<!-- x:end -->/);
  assert.match(replaced, /old y/);
  assert.doesNotMatch(replaced, /old x/);
  assert.equal(replaceSection("# T\n", "z", "z body"), "# T\n\n<!-- z:start -->\nz body\n<!-- z:end -->\n");
});

test("hot spots rank functions and files by self time from a V8 profile", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-test-"));
  try {
    const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });
    const file = join(dir, "p.cpuprofile");
    writeFileSync(file, JSON.stringify({
      nodes: [
        { id: 1, callFrame: frame("(root)", "", -1), children: [2] },
        { id: 2, callFrame: frame("hot", "file:///r/a.ts", 9), children: [3] },
        { id: 3, callFrame: frame("", "file:///r/b.ts", 0) },
      ],
      samples: [2, 2, 3, 1],
      timeDeltas: [3000, 3000, 2000, 2000],
    }));
    const spots = hotSpots(file, "/r", 2, "a.ts");
    assert.equal(spots.totalMs, 10);
    assert.deepEqual(spots.functions.map((h) => [h.name, h.ms, h.share]), [["hot a.ts:10", 6, 0.6], ["(anonymous) b.ts:1", 2, 0.2]]);
    assert.deepEqual(spots.files[0], { name: "a.ts", ms: 6, share: 0.6 });
    // hot's total time includes its callee's 2 ms
    assert.deepEqual(spots.inclusive, [{ name: "hot a.ts:10", ms: 8, share: 0.8 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CPU is measured over a run's steady state: from 1 s after the first request to the last, per request", () => {
  // start-up burns 2 CPU s before any request; then 1,000 requests/s at 0.5 core; then idle.
  const series = [
    { t: 0, cpu: [0], count: 0 }, { t: 2000, cpu: [2], count: 0 }, { t: 2500, cpu: [2.25], count: 500 },
    { t: 3500, cpu: [2.75], count: 1500 }, { t: 4500, cpu: [3.25], count: 2500 }, { t: 5000, cpu: [3.3], count: 2500 },
  ];
  const s = steadyWindow(series, 1000);
  assert.equal(s.seconds, 1);
  assert.equal(s.units, 1000);
  assert.ok(Math.abs(s.cores[0]! - 0.5) < 1e-9 && Math.abs(s.usPerUnit[0]! - 500) < 1e-9, JSON.stringify(s));
  assert.ok(Number.isNaN(steadyWindow(series.map((x) => ({ ...x, count: 0 })), 1000).usPerUnit[0]));
  // a pid gone (NaN) ends the series
  assert.equal(steadyWindow([...series.slice(0, 5), { t: 5500, cpu: [Number.NaN], count: 3000 }], 1000).units, 1000);
});
