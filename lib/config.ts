// Run configuration from env (`__ENV` in k6, `-e K=V` or the process environment), with
// localhost defaults so that every scenario runs against `npm run stack` as is. Validated once
// in init: a bad value stops the run with one sentence naming the variable and what it accepts,
// and so does a fault run aimed at a target nobody allowed (target-guard.ts), before any VU starts.
import { parseGoDuration } from "../contracts/duration.ts";
import { DEFAULT_BASE_URL, DEFAULT_FAULTS_URL, LOCAL_STACK_CAPACITY } from "../contracts/local-stack.ts";
import { checkHeaderName, parseHeaders } from "./ai-service/headers.ts";
import { KUBERNETES_NAME, TARGETS } from "./faults/model.ts";
import { applyProfileOverrides, overridesSet } from "./profile-overrides.ts";
import { PROFILE_NAMES, PROFILES, type Profile, type ProfileName } from "./profiles.ts";
import { guardFaultRun, tokenProblem } from "../contracts/target-guard.ts";

/** The validated configuration every lib/ module reads. */
export interface Config {
  /** The ai-service under test, without a trailing slash. */
  baseUrl: string;
  /** API_KEY: sent in `apiKeyHeader` when not empty. A secret: never printed. */
  apiKey: string;
  /** API_KEY_HEADER: `Authorization` (the key as `Bearer <key>`, default) or any other header name (the key as is, e.g. Azure's `api-key`). */
  apiKeyHeader: string;
  /** HEADERS: extra headers on every workload and probe request, never on fault-controller calls. Values are secrets: never printed. */
  headers: Readonly<Record<string, string>>;
  model: string;
  chatPath: string;
  modelsPath: string;
  healthPath: string;
  /** READY_PATH; undefined for READY_PATH=none (no readiness probe). */
  readyPath: string | undefined;
  profile: ProfileName;
  /** That profile with the env overrides applied (RATE, PRE_ALLOCATED_VUS, MAX_VUS, WARM_UP, FAULT_DURATION, RECOVERY). */
  runProfile: Profile;
  /** The overrides the env sets, as given (e.g. `{ RATE: "50" }`), for the plan's profile label. */
  overrides: Readonly<Record<string, string>>;
  /** SKIP_FAULTS=1: every fault call is a no-op (a baseline run). */
  skipFaults: boolean;
  /** The local fault controller, without a trailing slash. */
  faultsUrl: string;
  /** FAULTS_TOKEN: sent as `Authorization: Bearer …` to the fault controller when set. A secret: never logged. */
  faultsToken: string | undefined;
  /** Kubernetes namespace of the targets (k8s flavor). */
  namespace: string;
  /** PRIMARY_TARGET: the fault target of the provider the service calls first (a Kubernetes name, default provider-a). */
  primaryTarget: string;
  /** SECONDARY_TARGET: the fault target of its fallback provider (default provider-b). */
  secondaryTarget: string;
  /** Path of a JSON file overriding SLO defaults (read with `open()`, relative to the script). */
  sloFile: string | undefined;
  /** Share of chat requests sent with `stream: true`, 0..1. */
  streamRatio: number;
  /** Client timeout of every workload request, Go duration string, as given. */
  requestTimeout: string;
  /** The same in milliseconds. */
  requestTimeoutMs: number;
  /** k6 Cloud project, for `options.cloud.projectID`. */
  cloudProjectId: number | undefined;
  /** Requests the service holds in flight before it sheds, all pods together (the saturation scenario aims past it). */
  capacityInflight: number;
}

/** Env as k6 exposes it; values may be missing. */
export type Env = Readonly<Record<string, string | undefined>>;

const URL_FORM = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

/** Parses and validates `env`; throws a sentence naming the first bad variable. */
export function parseConfig(env: Env): Config {
  const text = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value.trim() === "" ? fallback : value.trim();
  };
  const url = (name: string, fallback: string): string => {
    const value = text(name, fallback);
    if (!URL_FORM.test(value)) throw new Error(`${name} must be an http(s) URL such as ${fallback}; got "${value}"`);
    return value.replace(/\/+$/, "");
  };
  const path = (name: string, fallback: string): string => {
    const value = text(name, fallback);
    if (!value.startsWith("/") || /\s/.test(value)) throw new Error(`${name} must be a path starting with "/" such as ${fallback}${name === "READY_PATH" ? ', or "none" for no readiness probe' : ""}; got "${value}"`);
    return value;
  };

  const profile = text("PROFILE", "smoke");
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) {
    throw new Error(`PROFILE must be one of ${PROFILE_NAMES.join(", ")}; got "${profile}"`);
  }

  const runProfile = applyProfileOverrides(PROFILES[profile as ProfileName], env);

  const skip = text("SKIP_FAULTS", "0").toLowerCase();
  if (!["0", "1", "true", "false"].includes(skip)) throw new Error(`SKIP_FAULTS must be 1 or 0 (or true/false); got "${skip}"`);

  const ratioText = text("STREAM_RATIO", "0.5");
  const streamRatio = Number(ratioText);
  if (!/^\d*\.?\d+$/.test(ratioText) || streamRatio > 1) throw new Error(`STREAM_RATIO must be a number from 0 to 1; got "${ratioText}"`);

  const requestTimeout = text("REQUEST_TIMEOUT", "20s");
  const requestTimeoutMs = parseGoDuration(requestTimeout);
  if (requestTimeoutMs === undefined || requestTimeoutMs < 1_000) {
    throw new Error(`REQUEST_TIMEOUT must be a duration of at least 1s such as "20s"; got "${requestTimeout}"`);
  }

  const namespace = text("NAMESPACE", "default");
  if (!KUBERNETES_NAME.test(namespace)) throw new Error(`NAMESPACE must be a Kubernetes namespace name (lower-case letters, digits, "-"); got "${namespace}"`);
  const target = (name: string, fallback: string): string => {
    const value = text(name, fallback);
    if (!KUBERNETES_NAME.test(value)) throw new Error(`${name} must be a Kubernetes name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63) naming a fault target, such as ${fallback}; got "${value}"`);
    return value;
  };
  const primaryTarget = target("PRIMARY_TARGET", TARGETS[1]);
  const secondaryTarget = target("SECONDARY_TARGET", TARGETS[2]);
  if (secondaryTarget === primaryTarget) throw new Error(`SECONDARY_TARGET must name another target than PRIMARY_TARGET (both are "${primaryTarget}")`);

  const apiKey = text("API_KEY", "");
  const apiKeyHeader = text("API_KEY_HEADER", "Authorization");
  checkHeaderName(apiKeyHeader, "API_KEY_HEADER");
  const headersText = text("HEADERS", "");
  const headers = headersText === "" ? {} : parseHeaders(headersText, apiKey === "" ? undefined : apiKeyHeader);
  const readyText = text("READY_PATH", "/readyz");

  const projectText = text("K6_CLOUD_PROJECT_ID", "");
  if (projectText !== "" && !/^[1-9]\d*$/.test(projectText)) throw new Error(`K6_CLOUD_PROJECT_ID must be a positive integer; got "${projectText}"`);

  const capacityText = text("CAPACITY_INFLIGHT", String(LOCAL_STACK_CAPACITY));
  if (!/^[1-9]\d*$/.test(capacityText)) throw new Error(`CAPACITY_INFLIGHT must be a positive integer (requests in flight, all pods); got "${capacityText}"`);

  const faultsToken = text("FAULTS_TOKEN", "");
  const badToken = faultsToken === "" ? undefined : tokenProblem("FAULTS_TOKEN", faultsToken);
  if (badToken) throw new Error(badToken);

  const baseUrl = url("BASE_URL", DEFAULT_BASE_URL);
  const faultsUrl = url("FAULTS_URL", DEFAULT_FAULTS_URL);
  const skipFaults = skip === "1" || skip === "true";
  guardFaultRun({ baseUrl, faultsUrl, skipFaults, allowTarget: text("CHAOS_ALLOW_TARGET", ""), faultsToken: faultsToken || undefined });

  const model = text("MODEL", "mock-llm");
  const sloFile = text("SLO_FILE", "");
  return {
    baseUrl,
    apiKey,
    apiKeyHeader,
    headers,
    model,
    chatPath: path("CHAT_PATH", "/v1/chat/completions"),
    modelsPath: path("MODELS_PATH", "/v1/models"),
    healthPath: path("HEALTH_PATH", "/healthz"),
    readyPath: readyText === "none" ? undefined : path("READY_PATH", "/readyz"),
    profile: profile as ProfileName,
    runProfile,
    overrides: overridesSet(env),
    skipFaults,
    faultsUrl,
    faultsToken: faultsToken || undefined,
    namespace,
    primaryTarget,
    secondaryTarget,
    sloFile: sloFile === "" ? undefined : sloFile,
    streamRatio,
    requestTimeout,
    requestTimeoutMs,
    cloudProjectId: projectText === "" ? undefined : Number(projectText),
    capacityInflight: Number(capacityText),
  };
}

let loaded: Config | undefined;

/** The configuration from k6's `__ENV`, parsed once per VU (call it in init so errors stop the run). */
export function loadConfig(): Config {
  loaded ??= parseConfig(typeof __ENV === "undefined" ? {} : __ENV);
  return loaded;
}
