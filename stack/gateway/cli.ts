import { parseArgs } from "node:util";
import { durationMs } from "../../contracts/duration.ts";
import { FRAGILITY_SWITCHES, parseFragility, type FragilitySwitch } from "./fragility.ts";
import { DEFAULT_OPTIONS, type GatewayOptions } from "./options.ts";

/** Worker options as they travel to workers in the environment (JSON-safe: fragility as a list). */
export type WorkerOptions = Omit<GatewayOptions, "fragility" | "podName"> & { fragility: FragilitySwitch[] };

/** Everything main.ts needs: cluster settings and the options each worker gets. */
export interface Cli {
  port: number;
  host: string;
  replicas: number;
  restartDelayMs: number;
  logLevel: string;
  worker: WorkerOptions;
}

/** The accepted flags with their defaults, for --help and error messages. */
export const USAGE = `usage: tsx stack/gateway/main.ts [flags]
  --port 8080               listen port (0 = any free port, reported over IPC)
  --host 127.0.0.1          listen address
  --replicas 2              worker processes ("pods" ai-service-0..N-1; env POD_NAME names them)
  --restart-delay 1s        wait before replacing a dead worker
  --provider-a URL          primary provider (default http://127.0.0.1:9101)
  --provider-b URL          fallback provider (default http://127.0.0.1:9102)
  --api-key KEY             require Authorization: Bearer KEY on /v1/*
  --attempt-timeout 2s      per attempt (streams: to the first token)
  --deadline 6s             whole request incl. retries (streams: to the first byte)
  --idle-timeout 2s         longest gap between stream events
  --retries 2               retries per provider
  --breaker-threshold 8     consecutive failures that open a provider's breaker
  --breaker-cooldown 3s     open time before one probe is let through
  --max-inflight 160        concurrent requests per worker before 429
  --max-body 1048576        largest request body in bytes (413 beyond)
  --models mock-llm         comma list served by GET /v1/models; other models are a 404
  --log-level info          pino level: fatal, error, warn, info, debug, trace, silent
  --fragile LIST            comma list of mechanisms to switch off:
                            ${wrapList(FRAGILITY_SWITCHES, 60, " ".repeat(28))}`;

// "a, b, c" wrapped at `width` characters, continuation lines indented.
function wrapList(items: readonly string[], width: number, indent: string): string {
  const lines = [""];
  for (const item of items) {
    const line = lines.at(-1) ?? "";
    if (line !== "" && line.length + item.length + 2 > width) lines.push(item);
    else lines[lines.length - 1] = line === "" ? item : `${line}, ${item}`;
  }
  return lines.join(`,\n${indent}`);
}

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Parses argv (without node and script); throws an Error whose message names the bad flag. */
export function parseCli(argv: string[]): Cli {
  const str = { type: "string" } as const;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: str, host: str, replicas: str, "restart-delay": str, "provider-a": str, "provider-b": str,
      "api-key": str, "attempt-timeout": str, deadline: str, "idle-timeout": str, retries: str,
      "breaker-threshold": str, "breaker-cooldown": str, "max-inflight": str, "max-body": str,
      models: str, "log-level": str, fragile: str,
    },
  });
  const logLevel = values["log-level"] ?? "info";
  if (!LEVELS.includes(logLevel)) throw new Error(`--log-level "${logLevel}": accepted are ${LEVELS.join(", ")}`);
  return {
    port: int("port", values.port, 8080, 0, 65535),
    host: values.host ?? "127.0.0.1",
    replicas: int("replicas", values.replicas, 2, 1, 64),
    restartDelayMs: ms("restart-delay", values["restart-delay"], 1000),
    logLevel,
    worker: {
      providerA: url("provider-a", values["provider-a"] ?? "http://127.0.0.1:9101"),
      providerB: url("provider-b", values["provider-b"] ?? "http://127.0.0.1:9102"),
      apiKey: values["api-key"],
      attemptTimeoutMs: ms("attempt-timeout", values["attempt-timeout"], DEFAULT_OPTIONS.attemptTimeoutMs),
      deadlineMs: ms("deadline", values.deadline, DEFAULT_OPTIONS.deadlineMs),
      idleTimeoutMs: ms("idle-timeout", values["idle-timeout"], DEFAULT_OPTIONS.idleTimeoutMs),
      retries: int("retries", values.retries, DEFAULT_OPTIONS.retries, 0, 10),
      backoffBaseMs: DEFAULT_OPTIONS.backoffBaseMs,
      retryBudgetRatio: DEFAULT_OPTIONS.retryBudgetRatio,
      retryBudgetBurst: DEFAULT_OPTIONS.retryBudgetBurst,
      breakerThreshold: int("breaker-threshold", values["breaker-threshold"], DEFAULT_OPTIONS.breakerThreshold, 1, 1000),
      breakerCooldownMs: ms("breaker-cooldown", values["breaker-cooldown"], DEFAULT_OPTIONS.breakerCooldownMs),
      maxInflight: int("max-inflight", values["max-inflight"], DEFAULT_OPTIONS.maxInflight, 1, 1_000_000),
      maxBodyBytes: int("max-body", values["max-body"], DEFAULT_OPTIONS.maxBodyBytes, 1, 1 << 30),
      models: modelList(values.models),
      fragility: [...parseFragility(values.fragile ?? "")],
    },
  };
}

function int(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} "${raw}": expected an integer from ${min} to ${max}`);
  return n;
}

function ms(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  return durationMs(raw, `--${flag}`);
}

// A chat request for a model not listed is a 404, so an empty list would refuse every request.
function modelList(raw: string | undefined): string[] {
  if (raw === undefined) return [...DEFAULT_OPTIONS.models];
  const models = raw.split(",").map((m) => m.trim()).filter(Boolean);
  if (models.length === 0) throw new Error(`--models "${raw}": expected a comma list of model ids such as mock-llm,gpt-4o-mini`);
  return models;
}

function url(flag: string, raw: string): string {
  const ok = URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol);
  if (!ok) throw new Error(`--${flag} "${raw}": expected an http(s) URL such as http://127.0.0.1:9101`);
  return raw;
}
