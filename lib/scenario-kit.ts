// Everything a scenario shares, so that a scenario file is a short story (load, fault, criteria):
// the run's config, profile, SLO and fault run, read once in init; and `scenario(spec)`, which
// turns the declaration into what the file exports: `options`, `plan`, `setup` (pre-flight),
// `teardown` (final health check, fault reset), `probe` (liveness) and `disrupt` (the control
// plane's VUs: runs the fault track its k6 scenario is named after, the first track then waiting
// for recovery; or, as the `sampler` scenario, the upstream sampler). The file writes `load` (and
// any `more` exec) itself:
//   export const { options, plan, setup, teardown, probe, disrupt } = scenario({ name, faults, thresholds });
import exec from "k6/execution";
import http from "k6/http";
import type { Options } from "k6/options";
import { formatDuration } from "../contracts/duration.ts";
import type { ScenarioPlan } from "../contracts/scenario-plan.ts";
import type { FaultRun } from "../thresholds/shared-criteria.ts";
import { resolveSlo, type Slo } from "../thresholds/slo.ts";
import { loadConfig, type Env } from "./config.ts";
import { backend } from "./faults/backend.ts";
import { prepareFaults, resetFaults, runStep } from "./faults/index.ts";
import { controllerHeaders } from "./faults/local-requests.ts";
import { answers200, awaitRecovery, probeAlive } from "./probes.ts";
import { buildScenario, SAMPLER, type ScenarioSpec } from "./scenario-spec.ts";
import type { SetupData } from "./test-clock.ts";
import { sampleUpstream } from "./upstream-sampler.ts";

/**
 * The run's SLO: defaults, then `SLO_FILE` read with k6's `open()` (init only; a relative path
 * resolves against the running script, so pass an absolute path to a built bundle), then
 * `SLO_<KEY>` env values (thresholds/slo.ts has the rules). Throws a sentence naming a bad key.
 */
function loadSlo(env: Env = typeof __ENV === "undefined" ? {} : __ENV): Slo {
  const file = env.SLO_FILE?.trim();
  if (!file) return resolveSlo(env);
  let text: string;
  try {
    text = open(file);
  } catch (err) {
    throw new Error(`SLO_FILE "${file}" cannot be read (${err instanceof Error ? err.message : String(err)}); give an absolute path`);
  }
  return resolveSlo(env, text, `SLO_FILE ${file}`);
}

/** The validated run configuration (env), read once in init. */
export const config = loadConfig();
/** The load profile named by PROFILE, with the env overrides (RATE, WARM_UP, …) applied. */
export const profile = config.runProfile;
/** The SLO (defaults < SLO_FILE < SLO_* env). */
export const slo = loadSlo();
/** The fault target of the provider the service calls first (PRIMARY_TARGET, default provider-a). */
export const primary = config.primaryTarget;
/** The fault target of its fallback provider (SECONDARY_TARGET, default provider-b). */
export const secondary = config.secondaryTarget;
/** What thresholds/faultCriteria needs from this run: the client timeout, and aborts judged once the fault has ended. */
export const faultRun: FaultRun = { requestTimeoutMs: config.requestTimeoutMs, delayAbortEval: formatDuration(profile.warmUp + profile.fault) };

/** What a scenario file exports from its declaration. */
export interface ScenarioExports {
  options: Options;
  plan: ScenarioPlan;
  setup: () => Promise<SetupData>;
  teardown: () => Promise<void>;
  probe: () => Promise<void>;
  disrupt: () => Promise<void>;
}

/** The exports of the scenario `spec` declares, at the run's profile. */
export function scenario(spec: ScenarioSpec): ScenarioExports {
  const { options, plan, tracks, injects, sampler } = buildScenario(spec, config, backend, slo);
  return {
    options,
    plan,
    async setup() {
      await preflight(injects);
      // k6 starts every scenario's startTime once setup() has returned
      // (internal/execution/scheduler.go Run: setup, then runExecutor waits out startTime), so
      // readying the fault targets here (k8s: the disruptor agents, up to 30 s) shifts nothing on
      // the timeline; the test clock's t0 is taken after it.
      await prepareFaults(tracks);
      return { t0: Date.now() };
    },
    // Only a run that injected has faults to clear; the others need no fault controller.
    teardown: () => teardown(injects),
    probe,
    async disrupt() {
      const name = exec.scenario.name;
      // The sampler runs this exec too: every scenario that injects (the only ones with a sampler) exports it.
      if (sampler && name === SAMPLER) return sampleUpstream(sampler);
      const track = tracks.find((t) => t.name === name);
      if (!track) throw new Error(`no fault track runs as scenario "${name}"; the tracks are ${tracks.map((t) => t.name).join(", ") || "none"}`);
      for (const step of track.steps) await runStep(step);
      // One recovery measurement per fault window, once the first track's faults have ended.
      if (track === tracks[0]) await awaitRecovery(profile.recovery);
    },
  };
}

/** Pre-flight: the service (and, when the run injects faults on the local backend, the fault controller) answers. */
export async function preflight(injects: boolean): Promise<void> {
  if (!(await answers200(config.healthPath, "setup"))) {
    throw new Error(`ai-service at ${config.baseUrl} is not answering GET ${config.healthPath}: start it with \`npm run stack\` or point BASE_URL at it`);
  }
  if (injects && !config.skipFaults && backend.name === "local") {
    const res = await http.asyncRequest("GET", `${config.faultsUrl}/targets`, null, { headers: controllerHeaders(config.faultsToken), tags: { kind: "control", name: "GET /targets" }, timeout: "5s" });
    if (res.status === 401) {
      throw new Error(`the fault controller at ${config.faultsUrl} requires a token: set FAULTS_TOKEN to the controller's token${config.faultsToken ? " (the one set was refused)" : ""}`);
    }
    if (res.status !== 200) {
      throw new Error(`the fault controller at ${config.faultsUrl} is not answering: start \`npm run stack\`, set FAULTS_URL, or set SKIP_FAULTS=1 for a load-only run`);
    }
  }
}

/** Final health probe (a crashed service fails `ai_service_alive{probe:final}`), then clears the faults the run injected. */
async function teardown(injects: boolean): Promise<void> {
  if (!(await probeAlive("final"))) console.error(`ai-service at ${config.baseUrl} no longer answers GET ${config.healthPath} after the run`);
  if (injects) await resetFaults();
}

/** The `probe` scenario's iteration: one liveness probe. */
async function probe(): Promise<void> {
  await probeAlive("liveness");
}
