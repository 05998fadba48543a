// bench:suite (issue 4): the most concurrent streaming requests the Node runner and the local
// stack sustain together on this machine with scenarios/baseline.ts's thresholds still passing,
// found by a search over in-flight levels, and what limits it (CPU per process, CPU profiles).
// Writes bench/RESULTS.md's section. Flags: --levels 125,250,... --no-profile --dry-run.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildScenarios } from "../scripts/build.ts";
import { readSummary } from "../scripts/chaos/verdict.ts";
import { table } from "./lib/format.ts";
import { highestPassing, levelLoad, measuredRequestMs, nextLevel, parseLevels } from "./lib/levels.ts";
import { runBench } from "./lib/procs.ts";
import { machine, writeSection } from "./lib/results.ts";
import { profileSelf, summariseProfiles, type ProcessProfile } from "./lib/suite-profile.ts";
import { PROVIDER, runLevel, TURN_MS } from "./lib/suite-level.ts";
import { bottleneck, breachedOf, costTable, cpuTable, levelReport, largestCost, levelsTable, NPROC, perRequest, profileTables, type LevelReport } from "./lib/suite-report.ts";
import { levelFigures } from "./lib/summary-export.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench", "out", "suite");
// The mean request duration the rates assume: one ordinary turn until the first level measures
// the scenario's real mix (baseline sends some longer streams too).
let requestMs = TURN_MS;
let calibratedAt = 0;

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: {
    levels: { type: "string", default: "125,250,500,750,1000,1500,2000" }, "no-profile": { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } } });
  const ladder = parseLevels(values.levels);
  const started = Date.now();
  const head = machine(); // the load average before our own load
  // Its own build folder: `npm run build` elsewhere may rewrite build/ while a level runs.
  const built = await buildScenarios({ names: ["baseline"], outDir: join(OUT, "build"), flavors: ["local"] });
  const bundle = built.outputs[0]!;
  for (const old of readdirSync(OUT).filter((f) => f.startsWith("profile-"))) rmSync(join(OUT, old), { recursive: true, force: true });

  const tried = new Map<number, boolean>();
  const levels: LevelReport[] = [];
  for (let level = nextLevel(ladder, tried); level !== null; level = nextLevel(ladder, tried)) {
    const report = await measure(level, bundle);
    if (calibratedAt === 0 && report.window) {
      requestMs = measuredRequestMs(report.window.activeMedian, report.rate, requestMs);
      calibratedAt = level;
    }
    tried.set(level, report.passed);
    levels.push(report);
  }
  levels.sort((a, b) => a.run.level - b.run.level);
  const best = highestPassing(tried);
  let profiled: { level: LevelReport; profiles: ProcessProfile[] } | null = null;
  if (best > 0 && !values["no-profile"]) {
    const dir = join(OUT, `profile-${best}`);
    mkdirSync(dir, { recursive: true });
    const self = profileSelf();
    const level = await measure(best, bundle, dir);
    self.stop(dir);
    profiled = { level, profiles: summariseProfiles(dir, level.run.roles, level.run.pids, ROOT) };
  }
  const report = render(head, levels, best, profiled, (Date.now() - started) / 1000);
  console.log(report);
  if (!values["dry-run"]) console.error(`written to ${writeSection("bench:suite", report)}`);
}

/** Runs one level and reads its summary; logs one line. */
async function measure(level: number, bundle: string, profileDir?: string): Promise<LevelReport> {
  const run = await runLevel(level, requestMs, bundle, OUT, profileDir);
  // No summary: the runner died before writing it; the verdict's reason and stderr tell.
  const summary = readSummary(run.summaryFile);
  const figures = summary ? levelFigures(summary) : null;
  const r = levelReport(run, levelLoad(level, requestMs).rate, figures);
  const w = r.window;
  const why = r.passed ? "" : ` · ${breachedOf(run).join("; ") || `${run.result.reason} ${run.result.stderrTail?.split("\n").slice(-3).join(" | ") ?? ""}`}`;
  console.error(`level ${level}${profileDir ? " (profiled)" : ""}: ${r.passed ? "pass" : `FAIL exit ${run.result.exitCode}`} · in flight median ${w?.activeMedian ?? "n/a"} max ${w?.activeMax ?? "n/a"} · machine busy ${w?.machineCores.toFixed(2) ?? "n/a"} cores${why}`);
  return r;
}

function render(head: string, levels: LevelReport[], best: number, profiled: { level: LevelReport; profiles: ProcessProfile[] } | null, wall: number): string {
  const firstFail = levels.find((l) => !l.passed && l.run.level > best);
  const at = (l: LevelReport | undefined) => (l?.window ? bottleneck(l.run.roles, l.window.cores, NPROC, l.window.machineCores) : "no loaded window was measured");
  const bestReport = levels.find((l) => l.run.level === best);
  return [
    "## bench:suite",
    "",
    `${head} · wall ${wall.toFixed(0)} s`,
    "",
    `Each level: a fresh \`startStack\` (2 gateway pods, \`--max-inflight 4096\` per pod; providers \`--ttft ${PROVIDER.ttftMs}ms --itl ${PROVIDER.itlMs}ms\`, so an ordinary 32-token turn streams for ${TURN_MS} ms), then \`node runner/bin.mjs run\` on \`scenarios/baseline.ts\` as built by \`buildScenarios\` (its iteration, probe and every threshold), with only the \`load\` scenario's arrival rate set to level ÷ mean request duration (Little's law) and 2×/4× the VUs that needs, by \`-e RATE=… -e PRE_ALLOCATED_VUS=… -e MAX_VUS=…\`. The mean is measured, not assumed: the first level runs at ${TURN_MS} ms and its streams in flight ÷ arrival rate calibrate the rest (${calibratedAt ? `${requestMs} ms at level ${calibratedAt}` : "not measured"}), since baseline mixes in longer streams. \`PROFILE=smoke\` timeline (22 s), \`STREAM_RATIO=1\` (every request streams), \`SKIP_FAULTS=1\`. A level passes when the runner exits 0 (no threshold breached). Levels go up the ladder to the first failure, then bisect once.`,
    "",
    table(["result", ""], [
      ["highest passing level", best > 0 ? `**${best.toLocaleString("en-US")} concurrent streams**${bestReport?.window ? ` (median ${Math.round(bestReport.window.activeMedian)} measured at the providers)` : ""}` : "**none**"],
      ["first failing level above it", firstFail ? `${firstFail.run.level.toLocaleString("en-US")}: ${breachedOf(firstFail.run).join("; ") || `exit ${firstFail.run.result.exitCode}`}` : "none tried"],
      ["aim: 1,000 in flight", best >= 1000 ? "reached" : `not reached: ${best.toLocaleString("en-US")} is the highest level passing here`],
      [`at ${best || "the lowest level"}`, at(bestReport ?? levels[0])],
      [`CPU per streamed request at ${best || "the lowest level"}`, perRequest((bestReport ?? levels[0])!, requestMs, NPROC)],
      ["largest CPU cost", largestCost((bestReport ?? levels[0])!, profiled?.profiles ?? [])],
      ...(firstFail ? [[`at ${firstFail.run.level}`, at(firstFail)]] : []),
    ]),
    "",
    levelsTable(levels),
    "",
    "Streams at providers: `GET /stats` `active` of both providers (generations in progress), every 500 ms, over the loaded window (from the first to the last sample with at least half the level in flight); the gateway gauge is `ai_gateway_inflight` summed over the pods' last answers on `/metrics`. Latencies and rates are the runner's summary over the whole run, start-up included.",
    "",
    "CPU cores per process over the loaded window (/proc/<pid>/stat utime + stime per wall second; each process is one event loop, so 1.00 is its ceiling); `machine` is /proc/stat's busy time of every process on the box, neighbours included (tick-sampled, so it can read a little under the precise per-process sum when the box is not busy). `launcher (fault links)` is this bench's own process: `startStack` runs the fault controller in-process, and its links relay every byte between the gateway and the providers.",
    "",
    cpuTable(levels),
    "",
    "CPU milliseconds per streamed request (each part's cores over the loaded window ÷ the arrival rate), per level:",
    "",
    costTable(levels),
    ...(profiled ? [
      "",
      `### CPU profiles at ${profiled.level.run.level} (a separate, profiled run: ${profiled.level.passed ? "passed" : "failed"} under the profilers' overhead)`,
      "",
      "The runner under `node --cpu-prof`; gateway pods, primary and providers through `bench/lib/cpu-profile-hook.mjs` (preloaded with `NODE_OPTIONS=--import`, since Node 20 refuses `--cpu-prof` there); the launcher through `node:inspector`. From process start to exit (start-up included), idle samples left out: shares are of busy time. Every token is one SSE event and, 50 ms apart, every hop writes it on its own (the provider one `res.write` per token, the fault link one socket write per chunk it reads, the gateway one write per event-loop turn in which events arrived, which at this pace is one per token), so a 32-token stream costs some 35 write syscalls per hop: `writev` / `writeBuffer` (native) are those syscalls with the kernel's loopback TCP work in them (V8's sampler measures wall time between samples, so the time a process waits for a core inside them, after waking its reader, counts there too: their share overstates their CPU). The runner's frames in `bench/out/suite/build/local/baseline.js` are the scenario's own bundled code (lib/: SSE parsing, checks, `ai_*` metrics); their line numbers are of the runner's re-bundle, not of that file.",
      "",
      profileTables(profiled.profiles),
    ] : []),
  ].join("\n");
}

runBench("bench:suite", main);
