// Retry amplification, the arithmetic: upstream attempts per client request, per phase. The
// attempts are differences of the fault controller's link counters (`traffic.attempts`,
// stack/faults/README.md), read by the sampler (lib/upstream-sampler.ts) at each phase boundary.
// The client requests come from the plan: k6 cannot count requests across VUs at run time, and
// the open model fixes the arrivals in advance (dropped iterations are judged apart and must be 0).
// Pure: no k6 imports.
import type { Phase } from "../contracts/names.ts";
import type { PlannedExecutor, ScenarioPlan } from "../contracts/scenario-plan.ts";

/** The k6 scenarios that are control plane, by exec: liveness probes, fault tracks and the sampler. */
const CONTROL_EXECS: readonly string[] = ["probe", "disrupt"];

/** Where each phase lies on the timeline, ms from the test's start: [startMs, endMs). */
export type PhaseWindows = Readonly<Record<Phase, { startMs: number; endMs: number }>>;

/** The plan's phase windows: before the `during` window, the window, and after it to the end. */
export function phaseWindows(timeline: ScenarioPlan["timeline"]): PhaseWindows {
  return {
    before: { startMs: 0, endMs: timeline.during.startMs },
    during: { startMs: timeline.during.startMs, endMs: timeline.during.endMs },
    after: { startMs: timeline.during.endMs, endMs: timeline.endMs },
  };
}

// ∫ of a rate (per second) that goes linearly from r0 at t0 to r1 at t1, over [from, to) (ms).
function rampArea(t0: number, t1: number, r0: number, r1: number, from: number, to: number): number {
  const a = Math.max(t0, from);
  const b = Math.min(t1, to);
  if (b <= a) return 0;
  const rateAt = (t: number) => (t1 === t0 ? r1 : r0 + ((r1 - r0) * (t - t0)) / (t1 - t0));
  return ((b - a) * (rateAt(a) + rateAt(b))) / 2 / 1_000;
}

/**
 * Iterations an arrival-rate executor starts in [fromMs, toMs): the rate integrated over the
 * window. A ramping rate goes linearly from one stage's target to the next, as k6 schedules it
 * (lib/executor/ramping_arrival_rate.go `cal`: the area under the ramp); a constant one is flat
 * (lib/executor/constant_arrival_rate.go: one iteration every timeUnit/rate).
 */
export function arrivalsIn(e: PlannedExecutor, fromMs: number, toMs: number): number {
  if (e.executor === "constant-arrival-rate") return rampArea(e.startMs, e.startMs + e.durationMs, e.rate ?? 0, e.rate ?? 0, fromMs, toMs);
  if (e.executor !== "ramping-arrival-rate") {
    throw new Error(`scenario "${e.name}" (${e.executor}) has no arrivals known in advance, so its requests cannot be counted for retry amplification: give the workload a constant- or ramping-arrival-rate executor`);
  }
  let t = e.startMs;
  let rate = e.rate ?? 0;
  let area = 0;
  for (const stage of e.stages ?? []) {
    area += rampArea(t, t + stage.durationMs, rate, stage.rate, fromMs, toMs);
    t += stage.durationMs;
    rate = stage.rate;
  }
  return area;
}

/** Client requests the workload scenarios (all but probe, disrupt* and the sampler) send in [fromMs, toMs): arrivals × requests per iteration. */
export function clientRequests(executors: readonly PlannedExecutor[], fromMs: number, toMs: number): number {
  return executors.filter((e) => !CONTROL_EXECS.includes(e.exec)).reduce((sum, e) => sum + arrivalsIn(e, fromMs, toMs) * (e.requestsPerIteration ?? 1), 0);
}

/** Client requests in each phase. */
export function plannedRequests(executors: readonly PlannedExecutor[], windows: PhaseWindows): Record<Phase, number> {
  const inWindow = (phase: Phase) => clientRequests(executors, windows[phase].startMs, windows[phase].endMs);
  return { before: inWindow("before"), during: inWindow("during"), after: inWindow("after") };
}

/** Upstream attempts per client request; undefined when no request was planned (nothing to judge). */
export function amplification(attempts: number, requests: number): number | undefined {
  return requests > 0 ? attempts / requests : undefined;
}

/** One read of the link counters: `closes` is the phase whose attempts end here (a boundary); every read samples the open answers. */
export interface SamplePoint {
  atMs: number;
  /** At a phase boundary, the phase that ends here; the read at 0 starts the count and closes none. */
  closes?: Phase;
  boundary: boolean;
}

/** The sampler's reads: the four phase boundaries (0, the window's start and end, the test's end) and one every `everyMs` between them. */
export function samplingPlan(windows: PhaseWindows, everyMs: number): SamplePoint[] {
  if (!(everyMs > 0)) throw new Error(`the sampling interval must be a number of ms > 0; got ${everyMs}`);
  const boundaries: SamplePoint[] = [
    { atMs: 0, boundary: true },
    { atMs: windows.before.endMs, closes: "before", boundary: true },
    { atMs: windows.during.endMs, closes: "during", boundary: true },
    { atMs: windows.after.endMs, closes: "after", boundary: true },
  ];
  const taken = new Set(boundaries.map((p) => p.atMs));
  const ticks: SamplePoint[] = [];
  for (let at = everyMs; at < windows.after.endMs; at += everyMs) if (!taken.has(at)) ticks.push({ atMs: at, boundary: false });
  // Stable: a boundary comes before a tick at the same time, and boundaries keep their order.
  return [...boundaries, ...ticks].sort((a, b) => a.atMs - b.atMs);
}

/**
 * Which of `targets` (the provider links) the controller has: amplification counts those. None is
 * an error naming what it has; a missing one is named in `missing`, since the service's attempts
 * to that provider pass no link and go uncounted.
 */
export function countedLinks(targets: readonly string[], present: readonly string[]): { counted: string[]; missing: string[] } {
  const counted = targets.filter((t) => present.includes(t));
  if (counted.length === 0) {
    throw new Error(`the fault controller has no link for ${targets.join(" or ")} (it has ${present.join(", ") || "none"}), so no upstream attempt can be counted: give it a link in front of each provider (\`npm run faults -- --link NAME=URL\`) or set PRIMARY_TARGET / SECONDARY_TARGET to its links`);
  }
  return { counted, missing: targets.filter((t) => !present.includes(t)) };
}
