// A surge of long streams ramped past what the service holds in flight (CAPACITY_INFLIGHT, all
// pods together), over the fault window: the saturation and resource-pressure scenarios share it.
// Each surge stream has its first token at once, then 60 tokens 100 ms apart (under the
// reference gateway's 2 s idle timeout), so it holds its slot for ~6 s: `x-mock-*` hints make
// the fake providers generate slowly, and a real model does the same by itself.
import type { Scenario } from "k6/options";
import { chat } from "./ai-service/client.ts";
import type { Config } from "./config.ts";
import { formatDuration } from "../contracts/duration.ts";
import { scenarioStartMs, type Profile } from "./profiles.ts";

const SURGE_SECONDS = 6.5;

/** The `surge` scenario (from the fault's start): arrivals that would hold `factor` × the capacity in flight at the peak. */
export function surgeScenario(config: Config, profile: Profile, factor = 2): Scenario {
  const peakRate = Math.ceil((factor * config.capacityInflight) / SURGE_SECONDS);
  return {
    executor: "ramping-arrival-rate", exec: "surge", startTime: formatDuration(scenarioStartMs("surge", profile)), startRate: profile.rate, timeUnit: "1s",
    stages: [{ duration: formatDuration(profile.fault / 5), target: peakRate }, { duration: formatDuration((profile.fault * 4) / 5), target: peakRate }],
    // Admitted streams hold a VU each, shed ones hardly any: the capacity plus a margin.
    preAllocatedVUs: config.capacityInflight + 2 * peakRate, maxVUs: 3 * config.capacityInflight,
    gracefulStop: formatDuration(config.requestTimeoutMs + 2_000),
  };
}

/** One surge request: a long stream (kind `long_stream`, so it never counts toward chat latency SLOs). */
export async function surgeStream(): Promise<void> {
  await chat({ kind: "long_stream", stream: true, promptTokens: 16, maxTokens: 60, mock: { ttftMs: 50, itlMs: 100, outputTokens: 60 } });
}
