import { MAX_INFLIGHT_PER_POD } from "../../contracts/local-stack.ts";
import type { Fragility } from "./fragility.ts";

/** Everything one gateway worker needs to know; durations in milliseconds. */
export interface GatewayOptions {
  /** Base URL of the primary provider, e.g. http://127.0.0.1:9101. */
  providerA: string;
  /** Base URL of the fallback provider, e.g. http://127.0.0.1:9102. */
  providerB: string;
  /** When set, /v1/* requires `Authorization: Bearer <apiKey>`. */
  apiKey: string | undefined;
  /** Per attempt: to the first token for streams, to the whole body otherwise. */
  attemptTimeoutMs: number;
  /** Whole request budget: all attempts and backoff (streams: until the first byte). */
  deadlineMs: number;
  /** Longest silence between two upstream stream events once the stream has started. */
  idleTimeoutMs: number;
  /** Retries per provider after the first attempt. */
  retries: number;
  /** Base of the jittered exponential backoff. */
  backoffBaseMs: number;
  /** Retry budget: tokens each client request adds (0..1), see resilience/retry-budget.ts. */
  retryBudgetRatio: number;
  /** Retry budget: the most tokens a worker saves up. */
  retryBudgetBurst: number;
  /** Consecutive failed attempts that open a provider's breaker. */
  breakerThreshold: number;
  /** How long an open breaker rejects before letting one probe through. */
  breakerCooldownMs: number;
  /** Concurrent requests per worker before shedding with 429. */
  maxInflight: number;
  /** Largest accepted request body, in bytes (413 beyond). */
  maxBodyBytes: number;
  /** Model ids listed by GET /v1/models. */
  models: string[];
  /** Mechanisms switched off. */
  fragility: Fragility;
  /** Pod name in logs and metrics. */
  podName: string;
}

/** Defaults matching the CLI's (see README.md). */
export const DEFAULT_OPTIONS: Omit<GatewayOptions, "providerA" | "providerB"> = {
  apiKey: undefined,
  attemptTimeoutMs: 2000,
  deadlineMs: 6000,
  idleTimeoutMs: 2000,
  retries: 2,
  backoffBaseMs: 50,
  // 0.8 and 10: at 30 % errors on both providers (concurrent-failures) the bucket never runs dry, so
  // clients see no more failures than without a budget; at 50 % errors on provider-a it caps the
  // 1.9 attempts per request of unbudgeted retries near 1.75 (simulated, sequential requests).
  retryBudgetRatio: 0.8,
  retryBudgetBurst: 10,
  // 8, not 5: at a 30 % error rate a run of 5 failures (0.3^5 per attempt) opens a healthy-enough
  // provider's breaker in about half of a 25 s run, pushing all load onto the other provider and
  // cascading into its breaker too; an outage still opens it within ~8 fast failures.
  breakerThreshold: 8,
  breakerCooldownMs: 3000,
  maxInflight: MAX_INFLIGHT_PER_POD,
  maxBodyBytes: 1024 * 1024,
  models: ["mock-llm"],
  fragility: new Set(),
  podName: "ai-service-0",
};

/** Options as callers give them: provider URLs required, the rest defaulted. */
export type GatewayInput = Partial<GatewayOptions> & Pick<GatewayOptions, "providerA" | "providerB">;

/** Fills in defaults. */
export function resolveOptions(input: GatewayInput): GatewayOptions {
  return { ...DEFAULT_OPTIONS, ...stripUndefined(input) };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
