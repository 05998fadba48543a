// `npm run chaos -- --inspect <scenario>`: the scenario's resolved plan at the run's profile and
// env overrides, without running it. The local bundle is built, then its init runs once in the
// Node runner's inspect (no stack is started, nothing is injected) and its exported `plan`
// (contracts/scenario-plan.ts, built by lib/scenario-kit.ts from the declaration `options` comes
// from) is printed: timeline, k6 scenarios, thresholds with their SLO keys, faults.
import { join } from "node:path";
import { formatDuration } from "../../contracts/duration.ts";
import type { PlannedExecutor, PlannedFault, PlannedThreshold, ScenarioPlan } from "../../contracts/scenario-plan.ts";
import { textColumns } from "../reports/table.ts";
import type { ScenarioEntry } from "./catalogue.ts";

/**
 * Evaluates a built script's init once with `vars` as `-e` flags on top of `env` (as a run
 * passes them) and returns its exports' `plan`; rejects with the engine's sentence.
 */
export type InspectScript = (script: string, vars: Record<string, string>, env: NodeJS.ProcessEnv) => Promise<{ plan?: unknown }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `value` as a ScenarioPlan; throws naming the first part that is missing or of the wrong type. */
export function asPlan(value: unknown, script: string): ScenarioPlan {
  if (value === undefined) throw new Error(`${script} exports no \`plan\`: its scenario does not build one with lib/scenario-kit.ts, so there is nothing to inspect`);
  const problem = (what: string) => new Error(`${script}: the exported \`plan\` is not a ScenarioPlan (contracts/scenario-plan.ts): ${what}`);
  if (!isObject(value)) throw problem("it is not an object");
  const timeline = value.timeline;
  if (!isObject(timeline) || !isObject(timeline.during)) throw problem("`timeline` with `during` is missing");
  for (const [key, v] of [["faultStartMs", timeline.faultStartMs], ["faultEndMs", timeline.faultEndMs], ["endMs", timeline.endMs], ["during.startMs", timeline.during.startMs], ["during.endMs", timeline.during.endMs]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw problem(`timeline.${key} is not a number of ms`);
  }
  for (const key of ["executors", "thresholds", "faults"] as const) {
    if (!Array.isArray(value[key]) || !(value[key] as unknown[]).every(isObject)) throw problem(`\`${key}\` is not a list of objects`);
  }
  return value as unknown as ScenarioPlan;
}

const at = (ms: number): string => formatDuration(ms);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
// Iteration executors run until their iterations are done, at most maxDuration.
const ITERATION_EXECUTORS = ["shared-iterations", "per-vu-iterations"];

function executorRow(e: PlannedExecutor): string[] {
  const duration = ITERATION_EXECUTORS.includes(e.executor) ? `max ${at(e.durationMs)}` : at(e.durationMs);
  const rate = e.rate === undefined ? "–" : e.peakRate === undefined || e.peakRate === e.rate ? `${e.rate}/s` : `${e.rate}/s → ${e.peakRate}/s`;
  const vus = e.vus !== undefined ? plural(e.vus, "VU")
    : e.preAllocatedVUs !== undefined ? `${e.preAllocatedVUs} pre-allocated, max ${e.maxVUs ?? e.preAllocatedVUs}` : "–";
  return [e.name, e.executor, e.exec, at(e.startMs), duration, rate, vus];
}

function thresholdRow(t: PlannedThreshold): string[] {
  const abort = t.abortOnFail ? `abortOnFail${t.delayAbortEval ? `, delayAbortEval ${t.delayAbortEval}` : ""}` : "";
  return [t.metric, t.expression, t.slo?.key ?? "(fixed)", t.slo ? String(t.slo.value) : "", abort];
}

/** A fault's own fields as `key=value`, objects and lists as JSON. */
function fields(spec: Record<string, unknown>): string {
  return Object.entries(spec).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ") || "–";
}

function faultRow(f: PlannedFault): string[] {
  return [f.track, f.target, f.kind, at(f.startMs), at(f.durationMs), fields(f.spec)];
}

/** The plan as text: aligned columns, times from the test's start as Go durations. */
export function formatPlan(plan: ScenarioPlan, entry: Pick<ScenarioEntry, "name" | "category">): string {
  const t = plan.timeline;
  const span = (from: number, to: number) => [at(from), at(to), at(to - from)];
  const timeline = [
    ["warm-up", ...span(0, t.faultStartMs), "steady state before the fault"],
    ["fault", ...span(t.faultStartMs, t.faultEndMs), plan.faults.length > 0 ? "faults below" : "no fault injected"],
    ["recovery", ...span(t.faultEndMs, t.endMs), "the service must be back"],
    ["phase:during", ...span(t.during.startMs, t.during.endMs), "requests sent in it are judged as during the fault"],
  ];
  const right = (from: number, to: number) => (c: number) => c >= from && c <= to;
  return [
    `${entry.name} (${entry.category}) at profile ${plan.profile}: the resolved plan; nothing was run or injected`,
    "",
    textColumns(["timeline", "from", "to", "length", ""], timeline, right(1, 3), "  "),
    "",
    textColumns(["k6 scenario", "executor", "exec", "start", "duration", "rate", "VUs"], plan.executors.map(executorRow), right(3, 4), "  "),
    "",
    textColumns([`threshold (${plan.thresholds.length})`, "expression", "SLO key", "value", ""], plan.thresholds.map(thresholdRow), (c) => c === 3, "  "),
    "",
    plan.faults.length === 0 ? "  no faults" : textColumns(["fault track", "target", "kind", "start", "duration", "fields"], plan.faults.map(faultRow), right(3, 4), "  "),
  ].join("\n");
}

/** Builds and inspects `entry` with `vars` (PROFILE, overrides), prints its plan; returns the exit code. */
export async function inspectScenario(
  entry: ScenarioEntry,
  vars: Record<string, string>,
  deps: { scriptDir: string; env: NodeJS.ProcessEnv; print: (line: string) => void; build(names: string[]): Promise<void>; inspect: InspectScript },
): Promise<number> {
  const script = join(deps.scriptDir, `${entry.name}.js`);
  try {
    await deps.build([entry.name]);
    const { plan } = await deps.inspect(script, vars, deps.env);
    deps.print(formatPlan(asPlan(plan, script), entry));
    return 0;
  } catch (err) {
    deps.print(`error: --inspect ${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
