// bench:streams (issue 15): the most concurrent streaming requests one Node runner process drives
// on one core while its own measurement stays honest. Levels of constant VUs (one stream each,
// bench/lib/stream-script.ts: the collection's streamed turn, STREAM_RATIO=1) against a target
// that stamps its events (bench/lib/fixed-target.ts), the runner pinned to one CPU and the target
// to the other. A level is driven when every stream succeeded and the target saw the level in
// flight; sustained when, besides, the runner's TTFT and inter-token gap minus the target's stamps
// stay under 5 ms at p99. Reports the error distribution, memory per stream and, for the first
// level not driven (what limits it), a CPU profile. Flags: --levels --duration S --ttft MS --itl MS --tokens N
// --no-pin --no-profile --dry-run.
import { availableParallelism } from "node:os";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ERROR_CLASSES } from "../contracts/names.ts";
import { hotSpots } from "./lib/cpuprofile.ts";
import { mib, rps, table } from "./lib/format.ts";
import { parseLevels } from "./lib/levels.ts";
import { vmRssBytes } from "./lib/proc.ts";
import { startFixedTarget, runBench } from "./lib/procs.ts";
import { machine, writeSection } from "./lib/results.ts";
import { runRunner, type RunnerFigures } from "./lib/runner-child.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./lib/stream-script.ts", import.meta.url));
const HONEST_MS = 5; // p99 of the runner's error on TTFT and on the inter-token gap
// The errors of every VU's turns but its first (cold code, its connection's dial): the steady state.
const TTFT_ERROR = "bench_ttft_error{warm:true}", GAP_ERROR = "bench_gap_error{warm:true}";

/**
 * One level's outcome. `driven`: every stream succeeded and the target saw the level in flight
 * (the runner kept up); `sustained`: driven, and its measurement honest too.
 */
interface Level {
  vus: number; figures: RunnerFigures; active: number; rssMedian: number; driven: boolean; sustained: boolean; why: string[];
  errors: Record<string, number>; streams: number; failed: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: {
    levels: { type: "string", default: "250,500,1000,2500,5000,10000" }, duration: { type: "string", default: "12" },
    ttft: { type: "string", default: "500" }, itl: { type: "string", default: "50" }, tokens: { type: "string", default: "32" },
    "no-pin": { type: "boolean", default: false }, "no-profile": { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } } });
  const num = (flag: string, min: number) => {
    const n = Number(values[flag as "duration"]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be a whole number ≥ ${min}, got ${JSON.stringify(values[flag as "duration"])}`);
    return n;
  };
  const ladder = parseLevels(values.levels);
  const shape = { seconds: num("duration", 5), ttftMs: num("ttft", 0), itlMs: num("itl", 0), tokens: num("tokens", 2) };
  const pin = !values["no-pin"] && availableParallelism() >= 2;
  const started = Date.now();
  const head = machine();
  const levels: Level[] = [];
  for (const vus of ladder) {
    const level = await runLevel(vus, shape, pin);
    levels.push(level);
    console.error(`${vus} streams: ${level.sustained ? "sustained" : `not sustained (${level.why.join("; ")})`}`);
    // Past the level the runner could not drive, higher ones only take longer to fail.
    if (!level.driven) break;
  }
  const limit = levels.find((l) => !l.driven) ?? levels.at(-1);
  const profile = limit && !values["no-profile"] ? await profileLevel(limit.vus, shape, pin) : "";
  const report = render(head, levels, shape, pin, profile, (Date.now() - started) / 1000);
  console.log(report);
  if (!values["dry-run"]) console.error(`written to ${writeSection("bench:streams", report)}`);
}

type Shape = { seconds: number; ttftMs: number; itlMs: number; tokens: number };
const turnMs = (s: Shape) => s.ttftMs + (s.tokens - 1) * s.itlMs;

/** One level: a fresh target, one runner run of `vus` streams, samples of streams in flight and the runner's RSS. */
async function runLevel(vus: number, shape: Shape, pin: boolean, nodeFlags?: string[]): Promise<Level> {
  const target = await startFixedTarget(["--ttft", String(shape.ttftMs), "--itl", String(shape.itlMs), "--tokens", String(shape.tokens)], pin ? "1" : undefined);
  const samples: { active: number; rss: number }[] = [];
  let runnerPid = 0;
  const timer = setInterval(() => void target.stats().then((s) => samples.push({ active: s.active, rss: vmRssBytes(runnerPid) })).catch(() => undefined), 500);
  try {
    const vars = { BASE_URL: target.url, STREAM_RATIO: "1", SKIP_FAULTS: "1", VUS: String(vus), DURATION: `${shape.seconds}s`, TURN_MS: String(turnMs(shape)) };
    const spec = { script: SCRIPT, vars, ...(pin ? { cpus: "0" } : {}), ...(nodeFlags ? { nodeFlags } : {}) };
    const figures = await runRunner(spec, { count: target.requests, alsoSample: [target.child.pid!], thresholdsMayFail: true, onStart: (pid) => { runnerPid = pid; } });
    return judge(vus, figures, samples);
  } finally {
    clearInterval(timer);
    target.child.kill();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The level's figures and whether the runner sustained it (and why not). */
function judge(vus: number, figures: RunnerFigures, samples: { active: number; rss: number }[]): Level {
  const m = figures.metrics;
  // the loaded window: from the first to the last sample with at least half the level in flight
  const loaded = samples.filter((x) => x.active >= vus / 2);
  const active = median(loaded.map((x) => x.active));
  const rssMedian = median(loaded.map((x) => x.rss).filter(Number.isFinite));
  const errors = Object.fromEntries(ERROR_CLASSES.map((c) => [c, m[`ai_errors{class:${c}}`]?.count ?? 0]));
  const streams = m.iterations?.count ?? 0;
  const failed = Object.values(errors).reduce((a, b) => a + b, 0);
  const ttft = m[TTFT_ERROR]?.["p(99)"] ?? Number.NaN, gap = m[GAP_ERROR]?.["p(99)"] ?? Number.NaN;
  const capacity = [
    ...(failed > 0 ? [`${failed} of ${streams} streams failed`] : []),
    ...(!(active >= 0.95 * vus) ? [`only ${Number.isFinite(active) ? active : 0} in flight`] : []),
  ];
  const why = [
    ...capacity,
    ...(!(ttft < HONEST_MS) ? [`TTFT error p99 ${ttft.toFixed(1)} ms`] : []),
    ...(!(gap < HONEST_MS) ? [`gap error p99 ${gap.toFixed(1)} ms`] : []),
  ];
  return { vus, figures, active, rssMedian, driven: capacity.length === 0, sustained: why.length === 0, why, errors, streams, failed };
}

/** Reruns `vus` under `node --cpu-prof`; Markdown tables of the runner's hot spots. */
async function profileLevel(vus: number, shape: Shape, pin: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bench-streams-prof-"));
  try {
    await runLevel(vus, shape, pin, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) return "(no profile was written)";
    const spots = hotSpots(join(dir, file), ROOT, 14, "runner/", ["(idle)"]);
    const rows = (list: typeof spots.functions) => list.map((h) => [`\`${h.name}\``, `${h.ms.toFixed(0)} ms`, `${(h.share * 100).toFixed(1)} %`]);
    const all = hotSpots(join(dir, file), ROOT, 10_000, "", ["(idle)"]);
    const share = (list: typeof spots.functions, match: RegExp) => list.filter((h) => match.test(h.name)).reduce((a, h) => a + h.share, 0) * 100;
    const gc = share(all.functions, /^\(garbage collector\)/), collection = share(all.files, /stream-script\.ts$/);
    const runner = share(all.files, /^runner\//), undici = share(all.files, /undici/);
    return [
      `What limits it, at ${rps(vus)} streams: garbage collection ${gc.toFixed(0)} % of the runner's busy time, the collection's own per-stream code ${collection.toFixed(0)} %, undici ${undici.toFixed(0)} %, the runner's engine (runner/) ${runner.toFixed(0)} %; the rest is Node's sockets and streams, and V8.`,
      "",
      `Profile of the runner at ${rps(vus)} streams (a separate run under \`node --cpu-prof\`, ${spots.totalMs.toFixed(0)} ms busy sampled from start to exit, VU init included). Frames in \`bench/lib/stream-script.ts\` are the collection's own code bundled into it (lib/: SSE parsing, classification, checks, ai_* metrics).`,
      "", table(["function (file:line), by self time", "self", "share of busy"], rows(spots.functions)),
      "", table(["file, by self time", "self", "share of busy"], rows(spots.files)),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(head: string, levels: Level[], shape: Shape, pin: boolean, profile: string, wall: number): string {
  const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "–" : `${v.toFixed(2)} ms`);
  const best = levels.filter((l) => l.sustained).at(-1), driven = levels.filter((l) => l.driven).at(-1);
  const first = levels[0];
  const rows = levels.map((l) => {
    const m = l.figures.metrics, cpu = l.figures.cpu;
    return [rps(l.vus), l.sustained ? "yes" : `**no**: ${l.why.join("; ")}`, rps(l.active), rps(m.iterations?.rate ?? 0),
      `${ms(m[TTFT_ERROR]?.med)} / ${ms(m[TTFT_ERROR]?.["p(99)"])} / ${ms(m[TTFT_ERROR]?.max)}`,
      `${ms(m[GAP_ERROR]?.med)} / ${ms(m[GAP_ERROR]?.["p(99)"])}`,
      `${ms(m.ai_ttft?.med)} / ${ms(m.ai_ttft?.["p(99)"])}`,
      `${cpu.cores[0]!.toFixed(2)} / ${cpu.cores[1]!.toFixed(2)}`, `${(cpu.usPerUnit[0]! / 1000).toFixed(2)} ms`, mib(l.rssMedian),
      first && l !== first ? mib((l.rssMedian - first.rssMedian) / (l.vus - first.vus)) : ""];
  });
  const errorRows = levels.map((l) => [rps(l.vus), rps(l.streams), ...ERROR_CLASSES.map((c) => String(l.errors[c] ?? 0)), `${l.streams ? ((100 * l.failed) / l.streams).toFixed(2) : "0"} %`]);
  return [
    "## bench:streams",
    "",
    `${head} · ${shape.seconds} s per level · wall ${wall.toFixed(0)} s`,
    "",
    `Constant VUs, one stream each, looping the collection's streamed turn (\`bench/lib/stream-script.ts\`: lib/ai-service/client.ts \`userTurn\` with STREAM_RATIO=1, so every request streams, with its SSE parsing, checks and ai_* metrics), each VU's first turn started at a random point of one turn. Target: \`bench/lib/fixed-target.ts\`, the fake providers' chunk format at ${shape.ttftMs} ms to the first token and ${shape.itlMs} ms per token, ${shape.tokens} tokens (a ${turnMs(shape)} ms turn), each event stamped with the target's clock. ${pin ? "The runner pinned to CPU 0 (taskset), the target to CPU 1." : "Not pinned."} TTFT error: the runner's TTFT (\`http_req_waiting\`, the collection's \`ai_ttft\`) minus the target's (first event written − request read); gap error: the runner's mean inter-token gap (\`http_req_receiving\` ÷ (tokens − 1), the collection's TPOT) minus the target's ((last event − first) ÷ (tokens − 1)); both over every VU's turns but its first (cold code, its connection's dial). A level is sustained when no stream failed, ≥ 95 % of the level was in flight at the target (median over the loaded window), and both errors stay under ${HONEST_MS} ms at p99.`,
    "",
    `**Highest level sustained (driven and honest): ${best ? `${rps(best.vus)} concurrent streams` : "none of the levels tried"}** (aim: 10,000); highest driven (every stream succeeded, the level in flight): ${driven ? rps(driven.vus) : "none"}. The ladder stops after the first level not driven.`,
    "",
    table(["streams (VUs)", "sustained", "in flight at the target (median)", "turns/s (whole run)", "TTFT error med / p99 / max", "gap error med / p99", "runner TTFT med / p99", "cores: runner / target", "runner CPU per stream", "runner RSS (median)", "RSS per stream (vs the first level)"], rows),
    "",
    "Errors per class (`ai_errors{class}`), per level:",
    "",
    table(["streams", "turns", ...ERROR_CLASSES, "failed"], errorRows),
    ...(profile ? ["", profile] : []),
  ].join("\n");
}

runBench("bench:streams", main);
