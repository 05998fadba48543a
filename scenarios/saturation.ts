// saturation: over the fault window a surge of long streams (~6 s each) is ramped past what the
// service holds in flight (CAPACITY_INFLIGHT, all pods). A service that sheds answers the
// excess at once with a well-formed 429 + Retry-After, keeps its latency SLO for the requests
// it admits (no queue builds up), and is back to steady state after the surge.
// @category resource-chaos
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { formatDuration } from "../lib/durations.ts";
import { pause } from "../lib/pause.ts";
import { buildOptions, config, faultRun, profile, recover, slo } from "../lib/scenario-kit.ts";
import { answerLatency, compose, fastFailure, faultCriteria, llmLatency, noHangs, saturationReached } from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

// A surge stream: first token at once, then 60 tokens 100 ms apart (under the 2 s idle timeout).
const surgeStream = { kind: "long_stream", stream: true, promptTokens: 16, maxTokens: 60, mock: { ttftMs: 50, itlMs: 100, outputTokens: 60 } } as const;
const surgeSeconds = 6.5;
// Arrivals that would hold twice the capacity in flight: half of the surge must be shed.
const peakRate = Math.ceil((2 * config.capacityInflight) / surgeSeconds);
const ramp = formatDuration(profile.fault / 5);
const hold = formatDuration((profile.fault * 4) / 5);

export const options = buildOptions({
  name: "saturation",
  more: {
    surge: {
      executor: "ramping-arrival-rate", exec: "surge", startTime: formatDuration(profile.warmUp), startRate: profile.rate, timeUnit: "1s",
      stages: [{ duration: ramp, target: peakRate }, { duration: hold, target: peakRate }],
      // Admitted streams hold a VU each, shed ones hardly any: up to the capacity plus a margin.
      preAllocatedVUs: config.capacityInflight + 2 * peakRate, maxVUs: 3 * config.capacityInflight, gracefulStop: formatDuration(config.requestTimeoutMs + 2_000),
    },
  },
  thresholds: compose(
    // Shedding fails requests on purpose: how they fail, and how the admitted ones fare, is judged.
    faultCriteria(slo, { ...faultRun, maxErrorRate: null }),
    fastFailure(slo, ["chat", "chat_stream", "long_stream"]),
    saturationReached(),
    noHangs(slo, config.requestTimeoutMs, ["long_stream"]),
    answerLatency(slo, { phases: ["during"] }),
    llmLatency(slo, { phases: ["during"] }),
  ),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function surge(): Promise<void> {
  await chat(surgeStream);
}

// No injected fault: the surge is the fault. After it, the service must serve again.
export async function disrupt(): Promise<void> {
  await pause(profile.fault);
  await recover();
}
