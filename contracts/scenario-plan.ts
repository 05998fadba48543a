// A scenario's resolved plan: what it will do at the run's profile, without running it. The k6
// side builds it in init from the same declaration that builds `options` (lib/scenario-kit.ts)
// and exports it as `plan`; `npm run chaos -- --inspect <scenario>` reads it through the Node
// runner's `inspect` and prints it. Plain JSON data; times in ms from the test's start.
// Pure: no Node or k6 imports.

/** One k6 scenario of the script, as the executor will run it. */
export interface PlannedExecutor {
  /** The key in `options.scenarios`, e.g. `load`, `probe`, `disrupt`, `surge`. */
  name: string;
  executor: string;
  exec: string;
  startMs: number;
  /** How long it runs (arrival-rate and VU executors), or its maxDuration (iteration executors). */
  durationMs: number;
  /** Iterations per second (constant-arrival-rate), or the stages' start and peak (ramping). */
  rate?: number;
  peakRate?: number;
  /** Ramping arrival rates: each stage's length and the rate (per second) it ramps to, linearly from the one before. */
  stages?: { durationMs: number; rate: number }[];
  vus?: number;
  preAllocatedVUs?: number;
  maxVUs?: number;
  /** Workload requests one iteration sends, when not 1 (a surge iteration opens 8 streams): client requests = arrivals × this. */
  requestsPerIteration?: number;
}

/** One threshold expression and, when an SLO number is in it, which key that number came from. */
export interface PlannedThreshold {
  /** The metric key as written in `thresholds`, e.g. `ai_req_unanswered{phase:during}`. */
  metric: string;
  /** The expression, e.g. `rate<0.02`. */
  expression: string;
  /** The SLO key and value the expression's number came from (absent for fixed ones such as `count<1`). */
  slo?: { key: string; value: number };
  abortOnFail?: boolean;
  delayAbortEval?: string;
}

/** One fault the scenario injects (or, for `wait`, a window it only waits through). */
export interface PlannedFault {
  /** The fault's id: its track and its place in it, e.g. `disrupt#1`, `disrupt-2#1`; the `fault` tag of `ai_fault_landed`. */
  id: string;
  /** The disrupt scenario (track) that injects it; faults of one track run one after another. */
  track: string;
  /** The target as Kubernetes names it: `ai-service`, or the PRIMARY_TARGET / SECONDARY_TARGET provider (default `provider-a`, `provider-b`). */
  target: string;
  kind: "http" | "network" | "stress" | "pods" | "stream" | "wait";
  /** The fault's own fields, as the fault model takes them (e.g. `{ action: "drop" }`). */
  spec: Record<string, unknown>;
  startMs: number;
  durationMs: number;
}

/** The whole plan. */
export interface ScenarioPlan {
  name: string;
  /** The profile name with the env overrides that changed it, e.g. `smoke (RATE=50)`. */
  profile: string;
  /** The fault timeline: warm-up [0, faultStartMs), fault [faultStartMs, faultEndMs), recovery to endMs. */
  timeline: {
    faultStartMs: number;
    faultEndMs: number;
    endMs: number;
    /** Requests sent in [start, end) are tagged `phase:during` (lead before the fault, settle after). */
    during: { startMs: number; endMs: number };
  };
  executors: PlannedExecutor[];
  thresholds: PlannedThreshold[];
  faults: PlannedFault[];
}
