// A scenario's declaration and what it becomes at the run's profile: the k6 `options`, the plan
// (contracts/scenario-plan.ts) and the fault tracks, all from one declaration, so that the plan
// says exactly what the options will run. Scenarios: `load` (open model: constant-arrival-rate
// for warm-up + fault + recovery, unless the declaration gives its own), `probe` (one liveness
// probe per second), the declaration's `more` workload (e.g. a surge), one `disrupt*` per fault
// track (1 VU × 1 iteration from the fault's start), and, where the backend counts the links'
// upstream traffic, the `sampler` (1 VU from the test's start to its end: retry amplification
// and open upstream answers, lib/upstream-sampler.ts). The thresholds are the declaration's plus,
// when the run injects on a backend that counts, one `ai_fault_affected{fault:<id>}` per held fault
// and `ai_upstream_amplification{phase:<p>}` per phase. Pure: lib/scenario-kit.ts runs it in init.
import type { Options, Scenario } from "k6/options";
import { formatDuration, parseK6Duration } from "../contracts/duration.ts";
import type { PlannedExecutor, ScenarioPlan } from "../contracts/scenario-plan.ts";
import { PHASES, type Phase } from "../contracts/names.ts";
import { compose, k6Thresholds, type Criteria } from "../thresholds/criteria.ts";
import { upstreamAmplification } from "../thresholds/degradation.ts";
import { faultsLanded } from "../thresholds/recovery.ts";
import type { Slo } from "../thresholds/slo.ts";
import { phaseWindows, plannedRequests, samplingPlan, type SamplePoint } from "./amplification.ts";
import type { Config } from "./config.ts";
import type { Target } from "./faults/model.ts";
import { injectsFaults, landingSteps, plannedFaults, planTracks, type PlannedTrack, type Track } from "./faults/tracks.ts";
import { faultWindow, scenarioStartMs, totalDuration, type Profile } from "./profiles.ts";

/** A workload k6 scenario, and how many requests one of its iterations sends when not 1 (a surge iteration opens 8 streams). */
export type Workload = Scenario & { requestsPerIteration?: number };

/** The k6 scenario of the upstream sampler; it runs the `disrupt` exec, which every scenario that injects exports. */
export const SAMPLER = "sampler";
// The sampler reads the links' open answers this often (ms): orphaned generations show within it.
const SAMPLE_EVERY_MS = 250;

/** What a scenario file declares. */
export interface ScenarioSpec {
  /** The scenario's name (k6 Cloud test name). */
  name: string;
  /** Built from thresholds/, never inline. */
  thresholds: Criteria;
  /** Tracks of fault steps (lib/faults/tracks.ts), run in parallel; none for a scenario whose load is the test. */
  faults?: readonly Track[];
  /** Replaces the default constant-arrival-rate `load` scenario (e.g. a ramping-arrival-rate). */
  load?: Workload;
  /** More workload scenarios beside `load` (e.g. a surge during the fault window), by name. */
  more?: Readonly<Record<string, Workload>>;
}

/** What the sampler does: which links it reads, when, and whose client requests the attempts are divided by. */
export interface SamplerPlan {
  /** PRIMARY_TARGET and SECONDARY_TARGET: the provider links the service's upstream attempts pass. */
  targets: readonly Target[];
  points: readonly SamplePoint[];
  /** The plan's executors: the workload ones send the client requests (lib/amplification.ts clientRequests). */
  executors: readonly PlannedExecutor[];
  /** Client requests in each phase's window, as planned. */
  requests: Readonly<Record<Phase, number>>;
}

/** Everything the k6 side needs from a declaration. */
export interface BuiltScenario {
  options: Options;
  plan: ScenarioPlan;
  /** What the `disrupt` exec runs, by scenario name. */
  tracks: readonly PlannedTrack[];
  /** Some step injects a fault, so setup() checks the fault controller answers. */
  injects: boolean;
  /** What the `sampler` scenario does; undefined when there is none. */
  sampler: SamplerPlan | undefined;
}

/** What buildScenario needs to know of the bundle's fault backend. */
export interface BackendTraits {
  /** It reads what each fault affected (the local controller), so the faults' landing is judged. */
  countsAffected: boolean;
  /** It reads the links' upstream traffic (the local controller), so retry amplification is judged. */
  countsTraffic: boolean;
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

/** The options, plan, tracks and sampler of `spec` at the profile and settings of `config`, on a backend with `traits`, judged by `slo` (whose typical latency under a fault sizes the load pool). */
export function buildScenario(spec: ScenarioSpec, config: Config, traits: BackendTraits, slo: Slo): BuiltScenario {
  const profile = config.runProfile;
  const total = formatDuration(totalDuration(profile));
  // Requests still in flight at the end get the client timeout to finish, so hangs are measured.
  const gracefulStop = formatDuration(config.requestTimeoutMs + 2_000);
  const tracks = planTracks(spec.faults ?? [], profile);
  const perIteration: Record<string, number> = {};
  const workload = (name: string, w: Workload): Scenario => {
    const { requestsPerIteration, ...scenario } = w;
    if (requestsPerIteration !== undefined) {
      if (!Number.isInteger(requestsPerIteration) || requestsPerIteration < 1) throw new Error(`scenario "${name}" requestsPerIteration must be a whole number >= 1; got ${requestsPerIteration}`);
      perIteration[name] = requestsPerIteration;
    }
    // Not a k6 option: it stays in the plan, never in the options k6 gets.
    return scenario as Scenario;
  };
  const others: Record<string, Scenario> = {
    // 10 probes/s: enough to judge serviceAliveRate's 5 % budget (thresholds/README.md); a probe takes ms.
    probe: { executor: "constant-arrival-rate", exec: "probe", rate: 10, timeUnit: "1s", duration: total, preAllocatedVUs: 10, maxVUs: 10, gracefulStop: "3s" },
    ...Object.fromEntries(Object.entries(spec.more ?? {}).map(([name, w]) => [name, workload(name, w)])),
  };
  for (const track of tracks) {
    others[track.name] = {
      executor: "shared-iterations", exec: "disrupt", vus: 1, iterations: 1, gracefulStop,
      startTime: formatDuration(scenarioStartMs(track.name, profile)),
      maxDuration: formatDuration(profile.fault + profile.recovery + 10_000),
    };
  }
  // The sampler needs the controller that counts the links' traffic: not on k8s, not when nothing is injected.
  const sampling = traits.countsTraffic && !config.skipFaults && injectsFaults(tracks);
  if (sampling) {
    others[SAMPLER] = { executor: "shared-iterations", exec: "disrupt", vus: 1, iterations: 1, gracefulStop: "3s", maxDuration: formatDuration(totalDuration(profile) + 10_000) };
  }
  const othersMaxVUs = Object.values(others).reduce((sum, o) => sum + maxVUsOf(o), 0);
  const scenarios: Record<string, Scenario> = {
    load: spec.load ? workload("load", spec.load) : {
      executor: "constant-arrival-rate", exec: "load", rate: profile.rate, timeUnit: "1s", duration: total,
      ...loadPool(profile, slo.degradedLatencyP50Ms, othersMaxVUs), gracefulStop,
    },
    ...others,
  };
  const executors = Object.entries(scenarios).map(([name, scenario]) => {
    const planned = plannedExecutor(name, scenario);
    return perIteration[name] === undefined ? planned : { ...planned, requestsPerIteration: perIteration[name] };
  });
  for (const e of executors) {
    // The test clock tags requests by the same rule; a scenario starting elsewhere would get wrong phases.
    const expected = scenarioStartMs(e.name, profile);
    if (e.startMs !== expected) throw new Error(`scenario "${e.name}" starts at ${formatDuration(e.startMs)}, but the test clock tags its requests as if it started at ${formatDuration(expected)} (lib/profiles.ts scenarioStartMs): start it there`);
  }
  const window = faultWindow(profile);
  const timeline: ScenarioPlan["timeline"] = {
    faultStartMs: profile.warmUp, faultEndMs: profile.warmUp + profile.fault, endMs: totalDuration(profile),
    during: { startMs: window.start, endMs: window.end },
  };
  const windows = phaseWindows(timeline);
  const sampler: SamplerPlan | undefined = sampling
    ? { targets: [config.primaryTarget, config.secondaryTarget], points: samplingPlan(windows, SAMPLE_EVERY_MS), executors, requests: plannedRequests(executors, windows) }
    : undefined;
  // SKIP_FAULTS=1 injects nothing, so no landing criteria: k6 judges a Rate with no sample as 0 at
  // the end of the test (internal/metrics/engine/engine.go evaluateThresholds, metrics/sink.go RateSink.Format).
  const landed = traits.countsAffected && !config.skipFaults ? faultsLanded(landingSteps(tracks).map((s) => s.id)) : [];
  // A phase with no client request has no ratio to judge (a Trend with no sample passes `max<`).
  const amplified = sampler ? upstreamAmplification(slo, PHASES.filter((phase) => sampler.requests[phase] > 0)) : [];
  const thresholds = compose(spec.thresholds, landed, amplified);
  const overrides = Object.entries(config.overrides).map(([name, value]) => `${name}=${value}`);
  const plan: ScenarioPlan = {
    name: spec.name,
    profile: overrides.length === 0 ? config.profile : `${config.profile} (${overrides.join(", ")})`,
    timeline,
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
  return { options, plan, tracks, injects: injectsFaults(tracks), sampler };
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
      const stages = s.stages.map((stage, i) => ({ durationMs: ms(stage.duration, 0, `${where} stage ${i + 1} duration`), rate: stage.target * perSecond }));
      return { ...base, durationMs, rate: (s.startRate ?? 0) * perSecond, peakRate: peak * perSecond, stages, preAllocatedVUs: s.preAllocatedVUs, ...(s.maxVUs === undefined ? {} : { maxVUs: s.maxVUs }) };
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
