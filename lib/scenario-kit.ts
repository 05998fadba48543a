// Everything a scenario shares, so that a scenario file is a short story (load, fault,
// criteria): the run's config, profile and SLO; `options` with the `load` (open model),
// `probe` (liveness, 1/s) and `disrupt` (1 VU × 1 iteration at the end of warm-up) scenarios;
// the setup pre-flight, the teardown health check and the post-fault recovery wait.
// A scenario re-exports `setup`, `teardown` and `probe` and writes `load` (and `disrupt`).
import http from "k6/http";
import type { Options, Scenario } from "k6/options";
import type { Thresholds } from "../thresholds/compose.ts";
import type { FaultRun } from "../thresholds/story.ts";
import { loadSlo } from "../thresholds/load-slo.ts";
import { loadConfig } from "./config.ts";
import { formatDuration, parseGoDuration } from "../contracts/duration.ts";
import { backend } from "./faults/backend.ts";
import { resetFaults } from "./faults/index.ts";
import { answers200, awaitRecovery, probeAlive } from "./probes.ts";
import { totalDuration } from "./profiles.ts";
import { registerScenarioOffset, scenarioOffset, type SetupData } from "./test-clock.ts";

/** The validated run configuration (env), read once in init. */
export const config = loadConfig();
/** The load profile named by PROFILE, with the env overrides (RATE, WARM_UP, …) applied. */
export const profile = config.runProfile;
/** The SLO (defaults < SLO_FILE < SLO_* env). */
export const slo = loadSlo();
/** What thresholds/faultCriteria needs from this run: the client timeout, and aborts judged once the fault has ended. */
export const faultRun: FaultRun = { requestTimeoutMs: config.requestTimeoutMs, delayAbortEval: formatDuration(profile.warmUp + profile.fault) };

/** What a scenario declares. */
export interface ScenarioPlan {
  /** The scenario's name (k6 Cloud test name). */
  name: string;
  /** Built from thresholds/, never inline. */
  thresholds: Thresholds;
  /** Exec names of fault scenarios, each 1 VU × 1 iteration from the fault start (default ["disrupt"]; [] for none). */
  disrupt?: readonly string[];
  /** Replaces the default constant-arrival-rate `load` scenario (e.g. a ramping-arrival-rate). */
  load?: Scenario;
  /** More workload scenarios beside `load` (e.g. a surge during the fault window), by name. */
  more?: Record<string, Scenario>;
  /** False when `disrupt` only waits and measures recovery (the load is the fault): no fault controller needed. */
  injects?: boolean;
}

let faultScenarios: readonly string[] = [];
let injects = true;

/** k6 `options` for `plan` at the run's profile. */
export function buildOptions(plan: ScenarioPlan): Options {
  const total = formatDuration(totalDuration(profile));
  // Requests still in flight at the end get the client timeout to finish, so hangs are measured.
  const gracefulStop = formatDuration(config.requestTimeoutMs + 2_000);
  faultScenarios = plan.disrupt ?? ["disrupt"];
  injects = plan.injects ?? faultScenarios.length > 0;
  const scenarios: Record<string, Scenario> = {
    load: plan.load ?? {
      executor: "constant-arrival-rate", exec: "load", rate: profile.rate, timeUnit: "1s", duration: total,
      preAllocatedVUs: profile.preAllocatedVUs, maxVUs: profile.maxVUs, gracefulStop,
    },
    probe: { executor: "constant-arrival-rate", exec: "probe", rate: 1, timeUnit: "1s", duration: total, preAllocatedVUs: 2, maxVUs: 4, gracefulStop: "3s" },
  };
  for (const [name, scenario] of Object.entries(plan.more ?? {})) {
    // Its requests are tagged by the test's clock, so the clock must know when it starts.
    registerScenarioOffset(name, scenario.startTime ? parseGoDuration(scenario.startTime) ?? 0 : 0);
    scenarios[name] = scenario;
  }
  for (const exec of faultScenarios) {
    scenarios[exec] = {
      executor: "shared-iterations", exec, vus: 1, iterations: 1, gracefulStop,
      startTime: formatDuration(scenarioOffset(exec, profile)),
      maxDuration: formatDuration(profile.fault + profile.recovery + 10_000),
    };
  }
  return {
    scenarios,
    thresholds: plan.thresholds,
    summaryTrendStats: ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"],
    ...(config.cloudProjectId ? { cloud: { projectID: config.cloudProjectId, name: `ai-chaos ${plan.name}` } } : {}),
  };
}

/** Pre-flight: the service (and, for fault runs on the local backend, the fault controller) answers. */
export async function setup(): Promise<SetupData> {
  if (!(await answers200(config.healthPath, "setup"))) {
    throw new Error(`ai-service at ${config.baseUrl} is not answering GET ${config.healthPath}: start it with \`npm run stack\` or point BASE_URL at it`);
  }
  if (injects && !config.skipFaults && backend.name === "local") {
    const headers: Record<string, string> = config.faultsToken ? { Authorization: `Bearer ${config.faultsToken}` } : {};
    const res = await http.asyncRequest("GET", `${config.faultsUrl}/targets`, null, { headers, tags: { kind: "control", name: "GET /targets" }, timeout: "5s" });
    if (res.status === 401) {
      throw new Error(`the fault controller at ${config.faultsUrl} requires a token: set FAULTS_TOKEN to the controller's token${config.faultsToken ? " (the one set was refused)" : ""}`);
    }
    if (res.status !== 200) {
      throw new Error(`the fault controller at ${config.faultsUrl} is not answering: start \`npm run stack\`, set FAULTS_URL, or set SKIP_FAULTS=1 for a load-only run`);
    }
  }
  return { t0: Date.now() };
}

/** Final health probe (a crashed service fails `ai_service_alive{probe:final}`), then clears faults. */
export async function teardown(): Promise<void> {
  if (!(await probeAlive("final"))) console.error(`ai-service at ${config.baseUrl} no longer answers GET ${config.healthPath} after the run`);
  await resetFaults();
}

/** The `probe` scenario's iteration: one liveness probe. */
export async function probe(): Promise<void> {
  await probeAlive("liveness");
}

/** After a fault: waits until the service serves again (at most the recovery window) and records it. */
export async function recover(): Promise<void> {
  await awaitRecovery(profile.recovery);
}
