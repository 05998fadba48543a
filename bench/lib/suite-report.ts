// bench:suite's section of bench/RESULTS.md: the levels tried, the CPU each process used at each,
// the verdict, and where the profiled level's CPU went.
import os from "node:os";
import { SLO_DEFAULTS as SLO } from "../../thresholds/slo.ts";
import { table } from "./format.ts";
import { windowFigures, type WindowFigures } from "./inflight.ts";
import type { ProcessProfile } from "./suite-profile.ts";
import type { LevelRun } from "./suite-level.ts";
import type { LevelFigures } from "./summary-export.ts";

/** A level as the report sees it: the run, its summary's figures (null: none written) and its loaded window. */
export interface LevelReport { run: LevelRun; rate: number; figures: LevelFigures | null; window: WindowFigures | null; passed: boolean }

/** Builds the report of one level run: it passed when the runner exited 0 and wrote its summary. */
export function levelReport(run: LevelRun, rate: number, figures: LevelFigures | null): LevelReport {
  return { run, rate, figures, window: windowFigures(run.samples, run.level), passed: run.result.verdict === "passed" && figures !== null };
}

/** `metric{tags}: expression` of every threshold the level breached, as the one runner judged them. */
export function breachedOf(run: LevelRun): string[] {
  return run.result.breaches.map((b) => `${b.metric}: ${b.threshold}`);
}

const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "n/a" : Math.round(n).toLocaleString("en-US"));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(2));
const sec = (msValue: number) => (Number.isNaN(msValue) ? "n/a" : `${(msValue / 1000).toFixed(2)} s`);

/** The levels table: verdict, in flight measured, latency against the SLO, what breached. */
export function levelsTable(levels: readonly LevelReport[]): string {
  const rows = levels.map(({ run, rate, figures: f, window: w, passed }) => [
    f0(run.level), String(rate), passed ? "pass" : `**fail** (exit ${run.result.exitCode})`,
    w ? `${f0(w.activeMedian)} (${f0(w.activeMax)})` : "n/a", w ? f0(w.gatewayMedian) : "n/a",
    f ? f0(f.rps) : "n/a", f ? `${sec(f.durationP95)} / ${f0(f.ttftP95)} ms / ${f0(f.tpotP95)} ms` : "n/a",
    f ? `${(f.failedRate * 100).toFixed(2)} % / ${f0(f.dropped)}` : "n/a",
    breachedCell(run),
  ]);
  return table(["level (in flight)", "rate /s", "verdict", "streams at providers: median (max)", "gateway gauge Σ pods: median", "req/s (whole run)", `p95 duration / TTFT / per token (SLO ${sec(SLO.latencyP95Ms)} / ${f0(SLO.ttftP95Ms)} / ${f0(SLO.timePerTokenP95Ms)} ms)`, "failed / dropped", "breached thresholds"], rows);
}

function breachedCell(run: LevelRun): string {
  const breached = breachedOf(run);
  if (breached.length > 0) return breached.slice(0, 4).map((b) => `\`${b}\``).join("<br>") + (breached.length > 4 ? `<br>+${breached.length - 4} more` : "");
  return run.result.verdict === "passed" || run.result.verdict === "failed" ? "none" : run.result.reason;
}

/** CPU cores (CPU s per wall s) per process over each level's loaded window, and their sum. */
export function cpuTable(levels: readonly LevelReport[]): string {
  const roles = levels[0]?.run.roles ?? [];
  const rows = levels.map(({ run, window: w }) => [f0(run.level), ...roles.map((_, i) => f2(w?.cores[i])), f2(w?.cores.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0)), f2(w?.machineCores), w ? `${w.seconds.toFixed(1)} s` : "n/a"]);
  return table(["level", ...roles, "Σ ours", "machine (all processes)", "window"], rows);
}

/**
 * What a level's CPU figures point at: the machine when it was ≥ 90 % busy (all its processes,
 * neighbours' included), a process when its event loop (one thread) was ≥ 90 % busy.
 */
export function bottleneck(roles: readonly string[], cores: readonly number[], nproc: number, machineCores: number): string {
  const ours = cores.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
  const ranked = roles.map((r, i) => [r, cores[i] ?? 0] as const).filter(([, c]) => !Number.isNaN(c)).sort((a, b) => b[1] - a[1]);
  const top = ranked.slice(0, 3).map(([r, c]) => `${r} ${c.toFixed(2)}`).join(", ");
  const loop = ranked.find(([, c]) => c >= 0.9);
  const parts = [`the machine was busy ${machineCores.toFixed(2)} of ${nproc} cores: ours ${ours.toFixed(2)} (busiest: ${top}), other work ${Math.max(0, machineCores - ours).toFixed(2)}`];
  if (machineCores >= 0.9 * nproc) parts.push("the CPU was saturated, so every process waited for a core");
  if (loop) parts.push(`${loop[0]}'s event loop was busy ${Math.min(100, loop[1] * 100).toFixed(0)} % of the time, at its single-thread ceiling`);
  if (machineCores < 0.9 * nproc && !loop) parts.push("neither the machine nor one event loop was saturated on average (bursts inside the window can be)");
  return parts.join("; ");
}

/** The system's parts, which processes make each up, and whose profile speaks for it. */
const PARTS: ReadonlyArray<{ part: string; has: (role: string) => boolean; profile: string }> = [
  { part: "runner", has: (r) => r === "runner", profile: "runner" },
  { part: "gateway", has: (r) => r.startsWith("ai-service-") || r === "gateway primary", profile: "ai-service-0" },
  { part: "providers", has: (r) => r.startsWith("provider-"), profile: "provider-a" },
  { part: "fault links", has: (r) => r.startsWith("launcher"), profile: "launcher (fault links)" },
];

/** CPU milliseconds per streamed request per part: its cores over the loaded window ÷ the arrival rate. */
export function costParts(l: LevelReport): Array<{ part: string; ms: number; profile: string }> {
  const w = l.window;
  if (!w) return [];
  return PARTS.map(({ part, has, profile }) => ({ part, profile, ms: (l.run.roles.reduce((sum, r, i) => sum + (has(r) ? w.cores[i] ?? 0 : 0), 0) * 1000) / l.rate }));
}

/** CPU ms per streamed request per part at every level, so that runs compare at the same level. */
export function costTable(levels: readonly LevelReport[]): string {
  const rows = levels.map((l) => {
    const parts = costParts(l);
    return [f0(l.run.level), ...PARTS.map(({ part }) => f2(parts.find((p) => p.part === part)?.ms)), parts.length > 0 ? f2(parts.reduce((sum, p) => sum + p.ms, 0)) : "n/a"];
  });
  return table(["level", ...PARTS.map(({ part }) => `${part} (ms)`), "Σ (ms)"], rows);
}

/**
 * CPU per streamed request per part, the runner's cost against the gateway's (peers measured in
 * the same run), and the in-flight level at which that cost would fill every core.
 */
export function perRequest(l: LevelReport, requestMs: number, nproc: number): string {
  const parts = costParts(l);
  if (parts.length === 0) return "n/a";
  const ms = (name: string) => parts.find((p) => p.part === name)!.ms;
  const total = parts.reduce((sum, p) => sum + p.ms, 0);
  // all cores busy with nothing else: nproc × 1000 ms of CPU per second, `total` ms per request
  const ceiling = ((nproc * 1000) / total) * (requestMs / 1000);
  return `${parts.map((p) => `${p.part} ${p.ms.toFixed(2)} ms`).join(" · ")} = ${total.toFixed(2)} ms; runner ÷ gateway = ${(ms("runner") / ms("gateway")).toFixed(2)}×. At that cost ${nproc} cores, fully busy with nothing else, would hold ≈ ${Math.round(ceiling).toLocaleString("en-US")} streams of ${(requestMs / 1000).toFixed(2)} s in flight`;
}

/** The part that costs the most CPU per request, and the top self-time function of its profile. */
export function largestCost(l: LevelReport, profiles: readonly ProcessProfile[]): string {
  const parts = costParts(l).sort((a, b) => b.ms - a.ms);
  const top = parts[0];
  if (!top) return "n/a";
  const total = parts.reduce((sum, p) => sum + p.ms, 0);
  const hot = profiles.find((p) => p.role === top.profile)?.functions[0];
  const where = hot ? `; its profile (${top.profile}) spends most self time in \`${hot.name}\` (${(hot.share * 100).toFixed(0)} % of busy time)` : "";
  return `the ${top.part}: ${top.ms.toFixed(2)} of ${total.toFixed(2)} ms CPU per streamed request (${((top.ms / total) * 100).toFixed(0)} %)${where}`;
}

/** Per process: busy time and the top functions by self time; a process busy under 1 s (start-up only) gets one line. */
export function profileTables(profiles: readonly ProcessProfile[]): string {
  const files = (p: ProcessProfile) => p.files.slice(0, 4).map((h) => `\`${h.name}\` ${(h.share * 100).toFixed(0)} %`).join(", ");
  return profiles.map((p) => p.busyMs < 1000
    ? `**${p.role}**: ${(p.busyMs / 1000).toFixed(1)} s busy sampled, start-up (module loading) only; by file: ${files(p)}`
    : [
      `**${p.role}**: ${(p.busyMs / 1000).toFixed(1)} s busy sampled; by file: ${files(p)}`,
      "",
      table(["function (file:line), by self time", "self", "share of busy"], p.functions.map((h) => [`\`${h.name}\``, `${h.ms.toFixed(0)} ms`, `${(h.share * 100).toFixed(1)} %`])),
    ].join("\n")).join("\n\n");
}

/** The cores of this machine, for bottleneck(). */
export const NPROC = os.availableParallelism();
