// invalid-input: a third of the requests are malformed, in 18 different ways (broken JSON,
// wrong types, missing fields, out-of-range values, wrong content-type). Each must get a 4xx
// with the contract's error body, no request may cause a 5xx, the valid requests around them
// keep their SLO in every phase, and the service stays up: bad input is the client's problem.
// @category service-resilience
import { chat, userTurn } from "../lib/ai-service/client.ts";
import { invalidCaseFor, invalidCases } from "../lib/ai-service/invalid-requests.ts";
import { config, scenario, slo } from "../lib/scenario-kit.ts";
import { iterationSeed } from "../lib/test-clock.ts";
import { compose } from "../thresholds/criteria.ts";
import { answeredAsExpected, noServerErrors } from "../thresholds/degradation.ts";
import { steadyCriteria } from "../thresholds/shared-criteria.ts";

const cases = invalidCases(config.model);

export const { options, plan, setup, teardown, probe } = scenario({
  name: "invalid-input",
  thresholds: compose(
    answeredAsExpected(slo, "invalid"),
    noServerErrors(),
    // Malformed input is present from the first second: valid traffic is judged in every phase.
    steadyCriteria(slo, config.requestTimeoutMs, ["chat", "chat_stream", "invalid"]),
  ),
});

export async function load(): Promise<void> {
  const seed = iterationSeed();
  if (seed % 3 !== 0) return void (await userTurn());
  const bad = invalidCaseFor(cases, Math.floor(seed / 3));
  await chat({ kind: "invalid", stream: false, rawBody: bad.body, headers: bad.headers, expect: bad.expect });
}
