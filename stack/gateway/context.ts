import type { DestinationStream } from "pino";
import { BREAKER_GAUGE, createMetrics, type GatewayMetrics } from "./metrics.ts";
import { createLogger, type GatewayLogger } from "./logger.ts";
import type { GatewayOptions } from "./options.ts";
import { createProvider, type Provider, type ProviderName } from "./providers.ts";
import { AttemptFailure, attemptOnce, upstreamRules, type UpstreamRules } from "./resilience/attempt.ts";
import { Breaker } from "./resilience/breaker.ts";
import type { PolicyContext } from "./resilience/policy.ts";
import { RetryAfterGate } from "./resilience/retry-after.ts";
import { RetryBudget } from "./resilience/retry-budget.ts";
import { InflightLimiter } from "./shedding.ts";

/** Pod counts the primary reports; /readyz is 200 when ready ≥ desired. */
export interface Readiness {
  ready: number;
  desired: number;
}

/** What the embedder may supply instead of the defaults. */
export interface GatewayDeps {
  /** Log level when no logger is given (default "info"). */
  logLevel?: string;
  /** Where JSON log lines go when no logger is given (default stdout). */
  logDestination?: DestinationStream;
  /** A ready-made logger. */
  logger?: GatewayLogger;
  /** Current pod counts (default: this one process, ready). */
  readiness?: () => Readiness;
  /**
   * Called with the parse error under --fragile=validation when the body is not JSON. The default
   * rethrows it outside any handler, which kills the process (the point of the switch); in-process
   * tests pass a hook instead.
   */
  crash?: (err: Error) => void;
}

/** Everything a route needs, built once per gateway. */
export interface GatewayContext {
  opts: GatewayOptions;
  log: GatewayLogger;
  metrics: GatewayMetrics;
  limiter: InflightLimiter;
  policy: PolicyContext;
  /** How upstream answers are read (fragility switches classify, passthrough, retry-after). */
  upstream: UpstreamRules;
  readiness: () => Readiness;
  crash: (err: Error) => void;
  providers: Provider[];
}

/** Builds loggers, metrics, pools and breakers for one gateway. */
export function buildContext(opts: GatewayOptions, deps: GatewayDeps): GatewayContext {
  const fragile = opts.fragility;
  const log = deps.logger ?? createLogger(deps.logLevel ?? "info", opts.podName, deps.logDestination);
  const metrics = createMetrics(opts.podName);
  const pool = { connections: opts.maxInflight, headersTimeout: !fragile.has("timeouts"), bodyTimeout: !fragile.has("timeouts") && !fragile.has("stream-idle") };
  const upstream = upstreamRules(fragile);
  const gate = new RetryAfterGate();
  const providers = [createProvider("provider-a", opts.providerA, pool)];
  if (!fragile.has("fallback")) providers.push(createProvider("provider-b", opts.providerB, pool));
  const breakers = new Map<ProviderName, Breaker>();
  // The smallest chat completion, the path clients use (through the same pool, so link faults
  // apply to it too), for the first model served: a provider refuses a request without one.
  const probeBody = JSON.stringify({ model: opts.models[0], messages: [{ role: "user", content: "ping" }], max_tokens: 1, stream: false });
  for (const p of providers) {
    metrics.breakerState.set({ provider: p.name }, BREAKER_GAUGE.closed);
    if (fragile.has("breaker")) continue;
    breakers.set(
      p.name,
      new Breaker(p.name, opts.breakerThreshold, opts.breakerCooldownMs, (name, from, to) => {
        metrics.breakerState.set({ provider: name }, BREAKER_GAUGE[to]);
        log.warn({ event: "breaker", provider: name, from, to });
      }, () => healthProbe(p, { body: probeBody, timeoutMs: opts.attemptTimeoutMs, upstream, gate }, log, metrics)),
    );
  }
  return {
    opts,
    log,
    metrics,
    limiter: new InflightLimiter(fragile.has("shedding") ? Infinity : opts.maxInflight, metrics.inflight),
    policy: { providers, breakers, gate, budget: fragile.has("retry-storm") ? undefined : new RetryBudget(opts.retryBudgetRatio, opts.retryBudgetBurst), opts, metrics },
    upstream,
    readiness: deps.readiness ?? (() => ({ ready: 1, desired: 1 })),
    crash: deps.crash ?? ((err) => process.nextTick(() => { throw err; })),
    providers,
  };
}

/** What a health probe sends and obeys. */
interface ProbeSettings {
  body: string;
  timeoutMs: number;
  upstream: UpstreamRules;
  gate: RetryAfterGate;
}

/**
 * An open breaker's health check: one attempt, bounded by the attempt timeout even under
 * --fragile=timeouts; while the provider's Retry-After runs it is not sent and counts as failed.
 */
async function healthProbe(provider: Provider, probe: ProbeSettings, log: GatewayLogger, metrics: GatewayMetrics): Promise<void> {
  try {
    const { waitMs } = probe.gate.limit(provider.name);
    if (waitMs > 0) throw new AttemptFailure("rate-limited", `${provider.name} asked for no requests for ${waitMs} ms more (Retry-After)`, false, 429, waitMs);
    await attemptOnce(provider, { body: probe.body, headers: {}, stream: false, signal: AbortSignal.timeout(probe.timeoutMs) }, probe.upstream);
    metrics.healthProbes.inc({ provider: provider.name, outcome: "ok" });
    log.info({ event: "health_probe", provider: provider.name, ok: true });
  } catch (err) {
    if (err instanceof AttemptFailure) probe.gate.note(provider.name, err);
    metrics.healthProbes.inc({ provider: provider.name, outcome: "failed" });
    log.info({ event: "health_probe", provider: provider.name, ok: false, msg: (err as Error).message });
    throw err;
  }
}
