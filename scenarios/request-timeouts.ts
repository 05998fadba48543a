// request-timeouts: during the fault window every fifth request asks for a generation whose
// first token comes after 10 s, beyond the service's 6 s deadline (an `x-mock-ttft-ms` hint the
// fake providers obey). Those requests must end in a well-formed timeout answer (504/408)
// within the deadline, never a hang; ordinary requests around them keep their SLO throughout.
// @category service-resilience
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { config, scenario, slo } from "../lib/scenario-kit.ts";
import { iterationSeed, phaseNow } from "../lib/test-clock.ts";
import { compose } from "../thresholds/criteria.ts";
import { answeredAsExpected, answersWithinDeadline } from "../thresholds/degradation.ts";
import { steadyCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe } = scenario({
  name: "request-timeouts",
  thresholds: compose(
    // The slow requests are the fault: no injection, and ordinary traffic is judged in every phase.
    steadyCriteria(slo, config.requestTimeoutMs, ["chat", "chat_stream", "over_deadline"]),
    answeredAsExpected(slo, "over_deadline"),
    answersWithinDeadline(slo, ["over_deadline"]),
  ),
});

export async function load(): Promise<void> {
  if (phaseNow() === "during" && iterationSeed() % 5 === 0) {
    await chat({ kind: "over_deadline", stream: "mixed", promptTokens: 64, maxTokens: 32, mock: { ttftMs: 10_000 }, expect: [504, 408] });
  } else {
    await userTurn();
  }
}
