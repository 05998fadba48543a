// A scenario's declaration and what it becomes at the run's profile: the k6 `options`, the plan
// (contracts/scenario-plan.ts) and the fault tracks, all from one declaration, so that the plan
// says exactly what the options will run. Scenarios: `load` (open model: constant-arrival-rate
// for warm-up + fault + recovery, unless the declaration gives its own), `probe` (one liveness
// probe per second), the declaration's `more` workload (e.g. a surge), and one `disrupt*` per
// fault track (1 VU × 1 iteration from the fault's start). The thresholds are the declaration's
// plus, when the run injects on a backend that counts what faults affected, one
// `ai_fault_landed{fault:<id>}` per held fault. Pure: lib/scenario-kit.ts runs it in init.
import type { Options, Scenario } from "k6/options";
import { formatDuration, parseK6Duration } from "../contracts/duration.ts";
import type { PlannedExecutor, ScenarioPlan } from "../contracts/scenario-plan.ts";
import { compose, k6Thresholds, type Criteria } from "../thresholds/criteria.ts";
import { faultsLanded } from "../thresholds/recovery.ts";
import type { Config } from "./config.ts";
import { injectsFaults, landingSteps, plannedFaults, planTracks, type PlannedTrack, type Track } from "./faults/tracks.ts";
import { faultWindow, scenarioStartMs, totalDuration, type Profile } from "./profiles.ts";

/** What a scenario file declares. */
export interface ScenarioSpec {
  /** The scenario's name (k6 Cloud test name). */
  name: string;
  /** Built from thresholds/, never inline. */
  thresholds: Criteria;
  /** Tracks of fault steps (lib/faults/tracks.ts), run in parallel; none for a scenario whose load is the test. */
  faults?: readonly Track[];
  /** Replaces the default constant-arrival-rate `load` scenario (e.g. a ramping-arrival-rate). */
  load?: Scenario;
  /** More workload scenarios beside `load` (e.g. a surge during the fault window), by name. */
  more?: Readonly<Record<string, Scenario>>;
}

/** Everything the k6 side needs from a declaration. */
export interface BuiltScenario {
  options: Options;
  plan: ScenarioPlan;
  /** What the `disrupt` exec runs, by scenario name. */
  tracks: readonly PlannedTrack[];
  /** Some step injects a fault, so setup() checks the fault controller answers. */
  injects: boolean;
}

/** What buildScenario needs to know of the bundle's fault backend. */
export interface BackendTraits {
  /** It reads what each fault affected (the local controller), so the faults' landing is judged. */
  countsAffected: boolean;
}

/**
 * The `load` pool: what the profile's vusMax leaves after the other scenarios (k6 needs ~3 MB per
 * VU), and never less than Little's law asks at the SLO's typical latency under a fault (VUs busy =
 * arrivals/s × `latencyMs`, degradedLatencyP50Ms). All of it pre-allocated: a VU started mid-run
 * comes too late for the iteration that needed it (k6 counts that one as dropped,
 * lib/executor/constant_arrival_rate.go), and a fault's first seconds, when every request waits out
 * an attempt timeout, are when the pool fills. PRE_ALLOCATED_VUS / MAX_VUS, when set, are kept as given.
 */
export function loadPool(profile: Profile, latencyMs: number, othersMaxVUs: number): { preAllocatedVUs: number; maxVUs: number } {
  const littles = Math.ceil((profile.rate * latencyMs) / 1_000);
  const maxVUs = profile.maxVUs ?? Math.max(profile.vusMax - othersMaxVUs, littles, profile.preAllocatedVUs ?? 1);
  return { preAllocatedVUs: profile.preAllocatedVUs ?? maxVUs, maxVUs };
}

/** The options, plan and tracks of `spec` at the profile and settings of `config`, on a backend with `traits`, with the SLO's typical latency `latencyMs` sizing the load pool. */
export function buildScenario(spec: ScenarioSpec, config: Config, traits: BackendTraits, latencyMs: number): BuiltScenario {
  const profile = config.runProfile;
  const total = formatDuration(totalDuration(profile));
  // Requests still in flight at the end get the client timeout to finish, so hangs are measured.
  const gracefulStop = formatDuration(config.requestTimeoutMs + 2_000);
  const tracks = planTracks(spec.faults ?? [], profile);
  const others: Record<string, Scenario> = {
    // 10 probes/s: enough to judge serviceAliveRate's 5 % budget (thresholds/README.md); a probe takes ms.
    probe: { executor: "constant-arrival-rate", exec: "probe", rate: 10, timeUnit: "1s", duration: total, preAllocatedVUs: 10, maxVUs: 10, gracefulStop: "3s" },
    ...spec.more,
  };
  for (const track of tracks) {
    others[track.name] = {
      executor: "shared-iterations", exec: "disrupt", vus: 1, iterations: 1, gracefulStop,
      startTime: formatDuration(scenarioStartMs(track.name, profile)),
      maxDuration: formatDuration(profile.fault + profile.recovery + 10_000),
    };
  }
  const othersMaxVUs = Object.values(others).reduce((sum, o) => sum + maxVUsOf(o), 0);
  const scenarios: Record<string, Scenario> = {
    load: spec.load ?? {
      executor: "constant-arrival-rate", exec: "load", rate: profile.rate, timeUnit: "1s", duration: total,
      ...loadPool(profile, latencyMs, othersMaxVUs), gracefulStop,
    },
    ...others,
  };
  const executors = Object.entries(scenarios).map(([name, scenario]) => plannedExecutor(name, scenario));
  for (const e of executors) {
    // The test clock tags requests by the same rule; a scenario starting elsewhere would get wrong phases.
    const expected = scenarioStartMs(e.name, profile);
    if (e.startMs !== expected) throw new Error(`scenario "${e.name}" starts at ${formatDuration(e.startMs)}, but the test clock tags its requests as if it started at ${formatDuration(expected)} (lib/profiles.ts scenarioStartMs): start it there`);
  }
  // SKIP_FAULTS=1 injects nothing, so no landing criteria: k6 judges a Rate with no sample as 0 at
  // the end of the test (internal/metrics/engine/engine.go evaluateThresholds, metrics/sink.go RateSink.Format).
  const landed = traits.countsAffected && !config.skipFaults ? faultsLanded(landingSteps(tracks).map((s) => s.id)) : [];
  const thresholds = compose(spec.thresholds, landed);
  const window = faultWindow(profile);
  const overrides = Object.entries(config.overrides).map(([name, value]) => `${name}=${value}`);
  const plan: ScenarioPlan = {
    name: spec.name,
    profile: overrides.length === 0 ? config.profile : `${config.profile} (${overrides.join(", ")})`,
    timeline: {
      faultStartMs: profile.warmUp, faultEndMs: profile.warmUp + profile.fault, endMs: totalDuration(profile),
      during: { startMs: window.start, endMs: window.end },
    },
    executors,
    thresholds: [...thresholds],
    faults: plannedFaults(tracks),
  };
  const options: Options = {
    scenarios,
    thresholds: k6Thresholds(thresholds),
    summaryTrendStats: ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"],
    ...(config.cloudProjectId ? { cloud: { projectID: config.cloudProjectId, name: `ai-chaos ${spec.name}` } } : {}),
  };
  return { options, plan, tracks, injects: injectsFaults(tracks) };
}

/** The most VUs a k6 scenario may hold. */
export function maxVUsOf(s: Scenario): number {
  if (s.executor === "constant-arrival-rate" || s.executor === "ramping-arrival-rate") return s.maxVUs ?? s.preAllocatedVUs;
  if (s.executor === "ramping-vus") return Math.max(s.startVUs ?? 1, ...s.stages.map((stage) => stage.target));
  return s.vus ?? 1;
}

function ms(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const value = parseK6Duration(text);
  if (value === undefined) throw new Error(`${what} must be a k6 duration such as "30s"; got "${text}"`);
  return value;
}

/** One k6 scenario as the plan shows it: rates per second, durations in ms (k6's defaults where unset). */
function plannedExecutor(name: string, s: Scenario): PlannedExecutor {
  const where = `scenario "${name}"`;
  const base = { name, executor: s.executor, exec: s.exec ?? "default", startMs: ms(s.startTime, 0, `${where} startTime`) };
  switch (s.executor) {
    case "constant-arrival-rate": {
      const perSecond = 1_000 / ms(s.timeUnit, 1_000, `${where} timeUnit`);
      return { ...base, durationMs: ms(s.duration, 0, `${where} duration`), rate: s.rate * perSecond, preAllocatedVUs: s.preAllocatedVUs, ...(s.maxVUs === undefined ? {} : { maxVUs: s.maxVUs }) };
    }
    case "ramping-arrival-rate": {
      const perSecond = 1_000 / ms(s.timeUnit, 1_000, `${where} timeUnit`);
      const durationMs = s.stages.reduce((sum, stage, i) => sum + ms(stage.duration, 0, `${where} stage ${i + 1} duration`), 0);
      const peak = Math.max(s.startRate ?? 0, ...s.stages.map((stage) => stage.target));
      return { ...base, durationMs, rate: (s.startRate ?? 0) * perSecond, peakRate: peak * perSecond, preAllocatedVUs: s.preAllocatedVUs, ...(s.maxVUs === undefined ? {} : { maxVUs: s.maxVUs }) };
    }
    case "constant-vus":
      return { ...base, durationMs: ms(s.duration, 0, `${where} duration`), vus: s.vus ?? 1 };
    case "ramping-vus": {
      const durationMs = s.stages.reduce((sum, stage, i) => sum + ms(stage.duration, 0, `${where} stage ${i + 1} duration`), 0);
      return { ...base, durationMs, vus: Math.max(s.startVUs ?? 1, ...s.stages.map((stage) => stage.target)) };
    }
    default:
      // shared- and per-vu-iterations run until their iterations are done, at most maxDuration (k6 default 10m).
      return { ...base, durationMs: ms(s.maxDuration, 600_000, `${where} maxDuration`), vus: s.vus ?? 1 };
  }
}
