// A surge of long streams ramped past what the service holds in flight (CAPACITY_INFLIGHT, all
// pods together), over the fault window: the saturation and resource-pressure scenarios share it.
// What makes a surge stream long is made at the provider: the `slowStreams` track drips every
// SSE event of the primary 80 ms late (a stream fault), so a 75-token stream holds its slot ~6 s
// whatever the service forwards; the `x-mock-*` hints pace the reference providers the same way
// (an optimisation, and what a SKIP_FAULTS=1 run has), and a real model does it by itself. The
// drip slows every stream of the primary, so the ordinary turns beside the surge are short.
import { chat, userTurn } from "./ai-service/client.ts";
import type { Outcome } from "./ai-service/outcome.ts";
import type { Config } from "./config.ts";
import { formatDuration } from "../contracts/duration.ts";
import type { Target } from "./faults/model.ts";
import { streamFault, type Track } from "./faults/tracks.ts";
import { scenarioStartMs, type Profile } from "./profiles.ts";
import type { Workload } from "./scenario-spec.ts";

const SURGE_SECONDS = 6.5;
// Streams one surge iteration opens at once (a client with several conversations), so the surge
// holds its in-flight target with an eighth of the VUs: 2 × the local stack's 320-request capacity
// is 640 streams but 93 VUs, which keeps a run within the profile's vusMax (~3 MB per VU on k6).
// The plan counts them as the client requests of each iteration (retry amplification's divisor).
const STREAMS_PER_ITERATION = 8;
// One SSE event per this many ms over the fault window (ms), and the tokens of a surge stream:
// 75 + 2 events (usage, [DONE]) × 80 ms ≈ 6.2 s, and ~83 ms per output token, under the TPOT SLO.
const EVENT_MS = 80;
const SURGE_TOKENS = 75;

/**
 * The `surge` scenario (from the fault's start): from nothing, ramped over a fifth of the fault to
 * the arrivals that hold `factor` × the capacity in flight, then held. Each iteration holds a VU
 * for its longest stream (Little's law: iterations in flight = arrivals/s × ~6.5 s), all of them
 * pre-allocated so that no VU starts mid-surge.
 */
export function surgeScenario(config: Config, profile: Profile, factor = 2): Workload {
  const iterationsInFlight = Math.ceil((factor * config.capacityInflight) / STREAMS_PER_ITERATION);
  const peakRate = Math.ceil(iterationsInFlight / SURGE_SECONDS);
  const vus = iterationsInFlight + peakRate; // a second of arrivals as margin
  return {
    executor: "ramping-arrival-rate", exec: "surge", startTime: formatDuration(scenarioStartMs("surge", profile)), startRate: 0, timeUnit: "1s",
    stages: [{ duration: formatDuration(profile.fault / 5), target: peakRate }, { duration: formatDuration((profile.fault * 4) / 5), target: peakRate }],
    preAllocatedVUs: vus, maxVUs: vus,
    gracefulStop: formatDuration(config.requestTimeoutMs + 2_000),
    requestsPerIteration: STREAMS_PER_ITERATION,
  };
}

/** The surge's condition, a fault track: every stream `target` answers drips one event per 80 ms over the fault window (a slow model). */
export function slowStreams(target: Target): Track {
  return [streamFault(target, { action: "drip", delay: `${EVENT_MS}ms` })];
}

/** One surge iteration: STREAMS_PER_ITERATION long streams at once (kind `long_stream`, so they never count toward chat latency SLOs). */
export async function surgeStream(): Promise<void> {
  const stream = () => chat({ kind: "long_stream", stream: true, promptTokens: 16, maxTokens: SURGE_TOKENS, mock: { ttftMs: 50, itlMs: EVENT_MS, outputTokens: SURGE_TOKENS } });
  await Promise.all(Array.from({ length: STREAMS_PER_ITERATION }, stream));
}

/** An ordinary turn beside the surge: 16 tokens, so that a dripped stream (18 events, ~1.5 s) stays well within the latency SLO. */
export function turnBesideSurge(): Promise<Outcome> {
  return userTurn({ maxTokens: 16 });
}
