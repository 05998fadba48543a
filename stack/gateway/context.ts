import type { DestinationStream } from "pino";
import { BREAKER_GAUGE, createMetrics, type GatewayMetrics } from "./metrics.ts";
import { createLogger, type GatewayLogger } from "./logger.ts";
import type { GatewayOptions } from "./options.ts";
import { createProvider, type Provider, type ProviderName } from "./providers.ts";
import { attemptOnce } from "./resilience/attempt.ts";
import { Breaker } from "./resilience/breaker.ts";
import type { PolicyContext } from "./resilience/policy.ts";
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
  readiness: () => Readiness;
  crash: (err: Error) => void;
  providers: Provider[];
}

/** Builds loggers, metrics, pools and breakers for one gateway. */
export function buildContext(opts: GatewayOptions, deps: GatewayDeps): GatewayContext {
  const fragile = opts.fragility;
  const log = deps.logger ?? createLogger(deps.logLevel ?? "info", opts.podName, deps.logDestination);
  const metrics = createMetrics(opts.podName);
  const pool = { connections: opts.maxInflight, timeouts: !fragile.has("timeouts") };
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
      }, () => healthProbe(p, probeBody, opts.attemptTimeoutMs, log, metrics)),
    );
  }
  return {
    opts,
    log,
    metrics,
    limiter: new InflightLimiter(fragile.has("shedding") ? Infinity : opts.maxInflight, metrics.inflight),
    policy: { providers, breakers, opts, metrics },
    readiness: deps.readiness ?? (() => ({ ready: 1, desired: 1 })),
    crash: deps.crash ?? ((err) => process.nextTick(() => { throw err; })),
    providers,
  };
}

/** An open breaker's health check: one attempt, bounded by the attempt timeout even under --fragile=timeouts. */
async function healthProbe(provider: Provider, body: string, timeoutMs: number, log: GatewayLogger, metrics: GatewayMetrics): Promise<void> {
  try {
    await attemptOnce(provider, { body, headers: {}, stream: false, signal: AbortSignal.timeout(timeoutMs) });
    metrics.healthProbes.inc({ provider: provider.name, outcome: "ok" });
    log.info({ event: "health_probe", provider: provider.name, ok: true });
  } catch (err) {
    metrics.healthProbes.inc({ provider: provider.name, outcome: "failed" });
    log.info({ event: "health_probe", provider: provider.name, ok: false, msg: (err as Error).message });
    throw err;
  }
}
