// invalid-input: a third of the requests are malformed, in 18 different ways (broken JSON,
// wrong types, missing fields, out-of-range values, wrong content-type). Each must get a 4xx
// with the contract's error body, no request may cause a 5xx, the valid requests around them
// keep their SLO in every phase, and the service stays up: bad input is the client's problem.
// @category service-resilience
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { invalidCaseFor, invalidCases } from "../lib/ai-service/invalid-requests.ts";
import { buildOptions, config, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
import {
  answeredAsExpected, compose, llmLatency, loadIntegrity, noHangs, noServerErrors, serviceAlive, steadyState, streamIntegrity, wellFormedErrors,
} from "../thresholds/index.ts";

export { probe, setup, teardown } from "../lib/scenario-kit.ts";

const cases = invalidCases(config.model);
// Malformed input is present from the first second: valid traffic is judged in every phase.
const everyPhase = { phases: ["before", "during", "after"] } as const;

export const options = buildOptions({
  name: "invalid-input",
  disrupt: [],
  thresholds: compose(
    answeredAsExpected(slo, "invalid"),
    noServerErrors(),
    wellFormedErrors(slo),
    steadyState(slo, everyPhase),
    llmLatency(slo, everyPhase),
    streamIntegrity(slo),
    noHangs(slo, config.requestTimeoutMs, ["chat", "chat_stream", "invalid"]),
    serviceAlive(slo),
    loadIntegrity(slo),
  ),
});

export async function load(): Promise<void> {
  const seed = iterationSeed();
  if (seed % 3 !== 0) return void (await userTurn());
  const bad = invalidCaseFor(cases, Math.floor(seed / 3));
  await chat({ kind: "invalid", stream: false, rawBody: bad.body, headers: bad.headers, expect: bad.expect });
}
