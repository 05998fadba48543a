// error-classes: provider-a answers one error class per request, in turn: 400
// context_length_exceeded, 400 invalid, 401, 403, 404 model_not_found, 408, 409, 413, 422, 429
// (a quota refusal, no Retry-After), 500, 502, 503, 504, a 200 that does not parse and a 200 with
// no choices (lib/error-classes.ts). Sixteen classes do not fit fault windows of 1 s or more, so
// each request asks for its class with the `x-mock-error` header naming provider-a, which the
// reference providers honour; provider-b serves the failovers. The contract: a request's own error
// (400, 413, 422) reaches the client as the same status with the provider's message, and provider-b
// is not asked (its 200 would show); every other class fails over (the client gets a 200). One
// threshold per class (`class` tag), so the report has a row per class. A service that does not
// forward `x-mock-error` serves every request from provider-a: no class is met, each class's
// landing threshold breaches and nothing else can, so the run is inconclusive, not a pass.
// Ordinary turns around them (the load) keep the steady SLO in every phase.
// @category dependency-chaos
import exec from "k6/execution";
import { formatDuration } from "../contracts/duration.ts";
import { userTurn } from "../lib/ai-service/client.ts";
import { errorClassTurn } from "../lib/ai-service/error-class-turn.ts";
import { className, ERROR_CLASSES, type ErrorClass } from "../lib/error-classes.ts";
import { totalDuration } from "../lib/profiles.ts";
import { config, profile, scenario, slo } from "../lib/scenario-kit.ts";
import { compose } from "../thresholds/criteria.ts";
import { errorClassesHandled } from "../thresholds/llm-failures.ts";
import { steadyCriteria } from "../thresholds/shared-criteria.ts";

export const { options, plan, setup, teardown, probe } = scenario({
  name: "error-classes",
  more: {
    // One class request per 1/16 s, the classes in turn: each about 22 times in a smoke run. Few
    // enough beside the load's successes that 8 failures in a row, which open provider-a's
    // breaker (and would send the relayed classes to provider-b), stay improbable.
    classes: {
      executor: "constant-arrival-rate", exec: "classes", rate: ERROR_CLASSES.length, timeUnit: "1s", duration: formatDuration(totalDuration(profile)),
      preAllocatedVUs: 20, maxVUs: 20, gracefulStop: formatDuration(config.requestTimeoutMs + 2_000),
    },
  },
  thresholds: compose(errorClassesHandled(ERROR_CLASSES.map(className)), steadyCriteria(slo, config.requestTimeoutMs)),
});

export async function load(): Promise<void> {
  await userTurn();
}

export async function classes(): Promise<void> {
  await errorClassTurn(ERROR_CLASSES[exec.scenario.iterationInTest % ERROR_CLASSES.length] as ErrorClass);
}
