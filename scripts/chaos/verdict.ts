// What an engine run came to, and what the suite's run came to. The exit code decides (it is
// what k6 users and CI see); the summary export explains (which thresholds, what figures). This
// is the one reader of breached thresholds: `npm run chaos`, the test suites and bench:suite
// all judge through it.
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { K6_EXIT, K6_EXIT_MEANINGS } from "../../contracts/k6-exit-codes.ts";
import { METRIC, PHASES, type Phase } from "../../contracts/names.ts";
import type { Breach, KeyFigures, ScenarioResult, Verdict } from "./types.ts";

/**
 * `npm run chaos`'s own code for a run whose worst verdict is inconclusive: never 0 (a fault that
 * landed on nothing proved nothing), and none of k6's (0, 97-110, 255) nor ours (1 error, 2 usage).
 */
export const INCONCLUSIVE_EXIT = 3;

/** True when k6 itself may exit with `code` (0 or a code of contracts/k6-exit-codes.ts). */
export function isK6ExitCode(code: number): boolean {
  return code === 0 || K6_EXIT_MEANINGS[code] !== undefined;
}

/** "exit 107: script error (...)"; a signal death reads "killed by SIGKILL". */
export function describeExit(code: number | null, signal?: string | null): string {
  if (code === null) return signal ? `killed by ${signal}` : "did not run";
  const meaning = K6_EXIT_MEANINGS[code];
  return meaning ? `exit ${code}: ${meaning}` : `exit ${code}: unexpected exit code`;
}

type Values = Record<string, unknown>;
/**
 * The parts of a `--summary-export` file this module reads (k6's older format, written by
 * k6's internal/js/summary-wrapper.js `oldJSONSummary`): every metric flattened to its values, a
 * Rate's `rate` renamed `value`, and `thresholds` a map of expression → `!threshold.ok`, so TRUE
 * MEANS FAILED (k6#1498, k6-docs#30: kept for compatibility).
 */
export interface SummaryExport {
  metrics: Record<string, Values>;
}

/** The export at `file`, or undefined when it is missing or not a summary export. */
export function readSummary(file: string): SummaryExport | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    const metrics = (data as { metrics?: unknown })?.metrics;
    return metrics && typeof metrics === "object" ? { metrics: metrics as Record<string, Values> } : undefined;
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The aggregate an expression tests ("p(95)<500" → values["p(95)"]); a Rate's `rate` is `value` here. */
export function observedValue(values: Values, expression: string): number | undefined {
  const cut = expression.search(/[<>=!]/);
  const method = (cut < 0 ? expression : expression.slice(0, cut)).trim().replace(/\s+/g, "");
  if (method === "rate") return num(values.rate) ?? num(values.value);
  return num(values[method]);
}

/** Every breached threshold (value `true`), in metric-key order. */
export function breachedThresholds(summary: SummaryExport): Breach[] {
  const out: Breach[] = [];
  for (const metric of Object.keys(summary.metrics).sort()) {
    const values = summary.metrics[metric] ?? {};
    const thresholds = values.thresholds;
    if (!thresholds || typeof thresholds !== "object") continue;
    for (const [threshold, failed] of Object.entries(thresholds as Record<string, unknown>)) {
      if (failed !== true) continue;
      const observed = observedValue(values, threshold);
      out.push(observed === undefined ? { metric, threshold } : { metric, threshold, observed });
    }
  }
  return out;
}

/** The key figures (see KeyFigures for which metric each comes from). */
export function keyFigures(summary: SummaryExport): KeyFigures {
  const m = summary.metrics;
  const figures: KeyFigures = {
    requests: num(m.http_reqs?.count),
    errorRate: num(m.ai_req_failed?.value) ?? num(m.http_req_failed?.value),
    p95Ms: num(m["http_req_duration{expected_response:true}"]?.["p(95)"]) ?? num(m.http_req_duration?.["p(95)"]),
    ttftP95Ms: num(m.ai_ttft?.["p(95)"]),
    recoverySeconds: num(m[METRIC.recoverySeconds]?.max),
    goodput: num(m[METRIC.goodput]?.value),
    // A Counter's export: `count` and `rate`, the count per second of the test's duration (k6's metrics/sink.go).
    outputTokensPerSecond: num(m[METRIC.outputTokens]?.rate),
    itlP95Ms: num(m[METRIC.interTokenLatency]?.["p(95)"]),
    amplification: amplificationByPhase(summary),
  };
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as KeyFigures;
}

/**
 * `ai_upstream_amplification{phase:…}` per phase: its max (one sample per phase, so the value
 * itself; the worst if a run had several). Only submetrics tagged with a phase alone count;
 * undefined when the export has none (an older run, or the k8s flavour, which has no links).
 */
function amplificationByPhase(summary: SummaryExport): KeyFigures["amplification"] {
  const out: Partial<Record<Phase, number>> = {};
  for (const [key, values] of Object.entries(summary.metrics)) {
    const [name, tags] = parseMetricKey(key);
    const phase = tags.phase as Phase;
    const max = num(values.max);
    if (name === METRIC.upstreamAmplification && Object.keys(tags).length === 1 && PHASES.includes(phase) && max !== undefined) out[phase] = max;
  }
  return Object.keys(out).length > 0 ? Object.fromEntries(PHASES.filter((p) => out[p] !== undefined).map((p) => [p, out[p]])) : undefined;
}

/**
 * A threshold key's metric name and tag filter: `ai_fault_landed{fault:disrupt#1}` →
 * ["ai_fault_landed", {fault: "disrupt#1"}]. Tags are split as k6 does (metrics/metric.go
 * AddSubmetric: pairs on ",", key and value on the first ":", spaces and quotes trimmed).
 */
export function parseMetricKey(key: string): [name: string, tags: Record<string, string>] {
  const open = key.indexOf("{");
  if (open < 0 || !key.endsWith("}")) return [key, {}];
  const trim = (t: string) => t.trim().replace(/^["']+|["']+$/g, "");
  const tags: Record<string, string> = {};
  for (const pair of key.slice(open + 1, -1).split(",")) {
    const colon = pair.indexOf(":");
    if (pair.trim() !== "") tags[trim(colon < 0 ? pair : pair.slice(0, colon))] = colon < 0 ? "" : trim(pair.slice(colon + 1));
  }
  return [key.slice(0, open), tags];
}

/** A fault whose `ai_fault_landed` threshold breached, with what the export says of it. */
interface Unlanded {
  /** Its `fault` tag (the plan's id, e.g. `disrupt#1`); undefined on an untagged threshold. */
  fault: string | undefined;
  /** What it acted on, summed over its injections: `ai_fault_affected{fault:…}`'s count, or 0 when it landed on nothing every time. */
  affected: number | undefined;
  /** Injections that landed on nothing, of all its injections, when some did land. */
  missed?: [number, number];
  /** A held fault whose count its disrupt VU never read: the run ended (an abortOnFail, say) before the fault did. */
  unread?: boolean;
}

// A held fault's id is the plan's `<track>#<n>` (lib/faults/tracks.ts); its disrupt VU reads its
// count when it ends and adds one `ai_fault_landed` sample, 0 when it affected nothing. Other ids
// (error-classes' classes) are counted by the requests themselves, never read.
const HELD_FAULT_ID = /#\d+$/;

// The landing thresholds: `ai_fault_affected{fault:…}` count>=1 (thresholds/recovery.ts faultsLanded), or an `ai_fault_landed` rate.
// Another bound on what a fault affected (rate-limits: Retry-After honoured, count<N) is a criterion.
const isLanding = (b: Breach): boolean => {
  const name = parseMetricKey(b.metric)[0];
  return name === METRIC.faultLanded || (name === METRIC.faultAffected && b.threshold.replace(/\s/g, "") === "count>=1");
};

/** The faults of breached `ai_fault_landed` thresholds (`landing`), one each. */
function unlanded(landing: readonly Breach[], summary: SummaryExport | undefined): Unlanded[] {
  const metrics = summary?.metrics ?? {};
  const keys = Object.keys(metrics).map((key) => [key, ...parseMetricKey(key)] as const);
  const byFault = new Map(landing.map((b) => [parseMetricKey(b.metric)[1].fault, b.metric] as const));
  // Reads that found nothing affected, over every fault (k6 exports a metric only once it has a sample).
  const emptyReads = num(metrics[METRIC.faultLanded]?.fails) ?? 0;
  return [...byFault].map(([fault]): Unlanded => {
    const rateKey = keys.find(([, name, tags]) => name === METRIC.faultLanded && tags.fault === fault)?.[0];
    const landed = (rateKey === undefined ? undefined : metrics[rateKey]) ?? {};
    const counter = keys.find(([, name, tags]) => name === METRIC.faultAffected && tags.fault === fault)?.[0];
    // A Rate's export: `passes` samples were 1 (landed), `fails` were 0, `value` the share landed.
    const [passes, fails] = [num(landed.passes) ?? 0, num(landed.fails) ?? 0];
    const affected = num(counter === undefined ? undefined : metrics[counter]?.count) ?? (num(landed.value) === 0 ? 0 : undefined);
    const unread = fault !== undefined && HELD_FAULT_ID.test(fault) && affected === 0 && passes + fails === 0 && emptyReads === 0;
    return { fault, affected, ...(passes > 0 ? { missed: [fails, passes + fails] as [number, number] } : {}), ...(unread ? { unread } : {}) };
  });
}

/**
 * "the fault disrupt#1 [also ]landed on nothing (affected 0)[: the service never sent …]", several
 * faults in one sentence; then, for counts never read, "the count of the fault disrupt#2 was [also]
 * never read (…)". `why` (the inconclusive verdict's) follows the faults that landed on nothing.
 */
function unlandedPhrase(faults: readonly Unlanded[], also: boolean, why = false): string {
  const unread = faults.filter((u) => u.unread);
  const empty = faults.filter((u) => !u.unread);
  const parts: string[] = [];
  if (empty.length > 0) {
    const verb = `${also ? "also " : ""}landed on nothing`;
    const name = (u: Unlanded) => u.fault ?? "(untagged)";
    const details = (u: Unlanded) => `${u.missed ? ` in ${u.missed[0]} of its ${u.missed[1]} injections` : ""}${u.affected === undefined ? "" : ` (affected ${u.affected})`}`;
    const each = empty.map((u) => `${name(u)}${details(u)}`);
    const [one] = empty;
    const sentence = empty.length === 1 && one ? `the fault ${name(one)} ${verb}${details(one)}` : `the faults ${each.slice(0, -1).join(", ")} and ${each.at(-1)} ${verb}`;
    parts.push(why ? `${sentence}: the service never sent ${empty.length > 1 ? "their targets" : "that target"} the traffic the scenario needs` : sentence);
  }
  if (unread.length > 0) {
    const [what, verb, it] = unread.length > 1 ? ["the counts of the faults", "were", "they"] : ["the count of the fault", "was", "it"];
    const again = also || empty.length > 0 ? "also " : "";
    parts.push(`${what} ${unread.map((u) => u.fault).join(", ")} ${verb} ${again}never read (the run ended before ${it} did): whether ${it} landed is unknown`);
  }
  return parts.join("; ");
}

/** What the verdict says, before timing and files are added. */
export interface Judgement {
  verdict: Verdict;
  reason: string;
  breaches: Breach[];
  figures: KeyFigures;
}

/**
 * Maps an engine outcome to a verdict; `summary` is undefined when no export was written. Exit 99
 * whose every breach is an `ai_fault_landed` threshold is inconclusive: the scenario's fault
 * acted on nothing, so its other thresholds held for want of a fault, not for resilience.
 */
export function judge(exitCode: number | null, signal: string | null, summary: SummaryExport | undefined): Judgement {
  const breaches = summary ? breachedThresholds(summary) : [];
  const figures = summary ? keyFigures(summary) : {};
  if (exitCode === 0) {
    return { verdict: "passed", reason: summary ? "every threshold held" : "exit 0 (no summary export written)", breaches: [], figures };
  }
  if (exitCode === K6_EXIT.thresholdsFailed) {
    const count = breaches.length;
    const landing = breaches.filter(isLanding);
    const faults = unlanded(landing, summary);
    if (count > 0 && landing.length === count) {
      return { verdict: "inconclusive", reason: unlandedPhrase(faults, false, true), breaches, figures };
    }
    const reason = count > 0 ? `${count} threshold${count > 1 ? "s" : ""} breached` : "thresholds breached (exit 99; the summary export names none)";
    return { verdict: "failed", reason: faults.length > 0 ? `${reason}; ${unlandedPhrase(faults, true)}` : reason, breaches, figures };
  }
  return { verdict: "error", reason: describeExit(exitCode, signal), breaches, figures };
}

// Shells report a child killed by signal N as exit 128 + N; N runs from 1 to 64 on Linux.
const SHELL_SIGNAL_BASE = 128;
const MAX_SIGNAL = 64;

/** The signal a shell's exit code 128 + N stands for, e.g. 137 → "SIGKILL"; undefined for other codes. */
export function shellSignal(code: number): string | undefined {
  const n = code - SHELL_SIGNAL_BASE;
  if (n < 1 || n > MAX_SIGNAL) return undefined;
  return Object.entries(constants.signals).find(([, value]) => value === n)?.[0];
}

/**
 * Why the engine's end was a crash, as one phrase ("engine killed by SIGKILL, no summary");
 * undefined when it ended the way k6 ends, by itself or on a signal the suite sent. A crashed
 * engine skipped its teardown, so its faults stay until their leases end: killed by a signal the
 * suite did not send (the OOM killer, a segfault, someone's `kill -9`), k6's panic code, or an
 * exit code k6 never uses (a Node runner's uncaught exception exits 1; a shell wrapper given as
 * K6_BIN reports a killed k6 as 128 + the signal's number).
 */
export function engineCrash(exit: { exitCode: number | null; signal: string | null; signalsSent: readonly string[] }, summaryWritten: boolean): string | undefined {
  const summary = summaryWritten ? "summary export written" : "no summary";
  const { exitCode, signal } = exit;
  if (exitCode === null) {
    if (!signal || exit.signalsSent.includes(signal)) return undefined;
    return `engine killed by ${signal}, ${summary}`;
  }
  if (exitCode === K6_EXIT.goPanic) return `engine panicked (exit ${K6_EXIT.goPanic}), ${summary}`;
  if (isK6ExitCode(exitCode)) return undefined;
  const viaShell = shellSignal(exitCode);
  if (viaShell && exit.signalsSent.includes(viaShell)) return undefined;
  const what = viaShell ? `exit ${exitCode}, as a shell reports a process killed by ${viaShell}` : `exit ${exitCode}, not a k6 exit code`;
  return `engine crashed (${what}), ${summary}`;
}

/**
 * The suite's exit code, as a CI user reads it, the worst outcome winning: 105 when interrupted;
 * 1 when the run stopped early or any scenario errored (something could not be judged); 99 (k6's
 * own "thresholds breached") when a scenario failed on thresholds; 3 when the rest passed but a
 * scenario was inconclusive; 0 when all passed. (2, a bad command line, is decided before.)
 */
export function suiteExitCode(results: readonly ScenarioResult[], opts: { interrupted: boolean; complete: boolean }): number {
  if (opts.interrupted) return K6_EXIT.externalAbort;
  if (!opts.complete || results.length === 0) return 1;
  if (results.some((r) => r.verdict === "error" || r.verdict === "skipped")) return 1;
  if (results.some((r) => r.verdict === "failed")) return K6_EXIT.thresholdsFailed;
  if (results.some((r) => r.verdict === "inconclusive")) return INCONCLUSIVE_EXIT;
  return 0;
}
