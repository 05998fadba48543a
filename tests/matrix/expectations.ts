// The fragility matrix as data: for each fragility switch of the reference gateway, the
// scenarios that must catch it (exit 99) and the threshold (metric key) whose breach names the
// broken mechanism. Every switch is caught by at least one scenario and every scenario but the
// CONTROLS catches at least one switch (checked by tests/matrix/expectations.test.ts).
import type { FragilitySwitch } from "../../stack/gateway/fragility.ts";

/** One expected catch: the scenario fails, and this threshold is among the breached ones. */
export interface Catch {
  scenario: string;
  /**
   * The threshold key (metric with its tag filter) as it appears in the summary export; a list
   * when any of them names the failure (per-kind thresholds: whichever kind shows it first).
   */
  threshold: string | readonly string[];
  /** Why this threshold catches this switch, in one line (the README table shows it). */
  why: string;
}

/**
 * Scenarios no switch can fail yet; the full matrix (MATRIX_FULL=1) proves they pass against every
 * one. None today: `baseline`, with no fault, catches `buffering` through its long streams' TTFT.
 */
export const CONTROLS: readonly string[] = [];

// The masked budget: failures before an answer started (a stream cut later counts in ai_req_failed only).
const MASKED = "ai_req_unanswered{phase:during}";
const during = (kind: string, expected: boolean) => `http_req_duration{phase:during,kind:${kind},expected_response:${expected}}`;

/** Switch → the scenarios that must fail with it, each with the threshold that must breach. */
export const MUST_CATCH: Readonly<Record<FragilitySwitch, readonly Catch[]>> = {
  timeouts: [
    { scenario: "request-timeouts", threshold: ["http_req_waiting{kind:chat_stream}", "http_req_duration{kind:chat_stream}"], why: "streams whose every event the providers hold 10 s are waited for (into the 20 s client timeout) instead of ending in a 504 within the deadline" },
    { scenario: "network-timeouts", threshold: "http_req_duration{kind:chat}", why: "requests into the blackhole hang past the deadline" },
    { scenario: "provider-outage", threshold: [MASKED, during("chat", true)], why: "requests wait on the dropped provider-a instead of timing out and failing over" },
    { scenario: "slow-network", threshold: ["http_req_waiting{kind:chat_stream}", "http_req_duration{kind:chat_stream}", "http_req_duration{kind:chat}"], why: "answers trickling from the slow link are waited for past the deadline" },
  ],
  retries: [
    { scenario: "concurrent-failures", threshold: MASKED, why: "with errors on both providers, one attempt each lets ~9% of requests fail" },
  ],
  fallback: [
    { scenario: "provider-errors", threshold: MASKED, why: "provider-a's 503/429s surface once its retries are spent" },
    { scenario: "provider-outage", threshold: MASKED, why: "provider-a unreachable and nothing else tried: every request fails" },
    { scenario: "partial-provider-failure", threshold: MASKED, why: "half of provider-a's answers fail and provider-b is never asked" },
    { scenario: "network-timeouts", threshold: MASKED, why: "the blackholed provider-a is the only one: timeouts reach clients" },
    { scenario: "slow-network", threshold: MASKED, why: "provider-a misses its attempt timeouts and there is no provider-b" },
    { scenario: "connection-failures", threshold: MASKED, why: "resets and drops on provider-a reach clients" },
  ],
  breaker: [
    { scenario: "provider-outage", threshold: during("chat", true), why: "every request waits out provider-a's attempt timeouts before provider-b: the median answer is slow" },
    { scenario: "network-timeouts", threshold: during("chat", true), why: "every request waits on the blackhole before failing over" },
    { scenario: "slow-network", threshold: [during("chat", true), during("chat_stream", true)], why: "every request waits out provider-a's attempt timeouts before provider-b: the median answer is slow" },
    { scenario: "all-providers-down", threshold: [during("chat", false), during("chat_stream", false), "dropped_iterations"], why: "with no breaker to answer 503 at once, every failure waits the whole deadline: slow failures, and requests pile up past the open model's VUs" },
  ],
  shedding: [
    { scenario: "saturation", threshold: ["ai_errors{class:429}", "ai_ttft{phase:during}", during("long_stream", false), during("chat", false), during("chat_stream", false)], why: "nothing is shed (not one 429): the excess queues, and first tokens slow past the SLO or time out" },
    { scenario: "resource-pressure", threshold: ["ai_ttft{phase:during}", during("long_stream", false), during("chat", false), during("chat_stream", false)], why: "under pressure the excess queues instead of being shed: first tokens slow past the SLO" },
  ],
  validation: [
    { scenario: "invalid-input", threshold: "ai_errors{class:5xx}", why: "malformed requests reach code that throws: raw 500s and crashed workers" },
  ],
  restart: [
    { scenario: "pod-failure", threshold: "ai_recoveries", why: "killed pods are not replaced: /readyz stays 503, the service never recovers" },
  ],
  "stream-errors": [
    { scenario: "stream-interruption", threshold: "ai_errors{class:stream_cut}", why: "a provider cut mid-stream ends the client's stream silently" },
  ],
  buffering: [
    { scenario: "baseline", threshold: ["ai_ttft{phase:before}", "ai_ttft{phase:during}", "ai_ttft{phase:after}"], why: "while provider-a drips one event per 50 ms, streams take ~1.7 s and one turn in ten ~3 s, and each reaches the client only once generated: TTFT p95 ~3 s against the 1.5 s SLO" },
    { scenario: "saturation", threshold: "ai_ttft{phase:during}", why: "the surge's ~6 s streams reach the client only once generated: TTFT p95 ~6 s against the 1.5 s SLO" },
    { scenario: "resource-pressure", threshold: "ai_ttft{phase:during}", why: "the surge's ~6 s streams reach the client only once generated: TTFT p95 ~6 s against the 1.5 s SLO" },
  ],
  // Filled as the scenarios that catch them land (issue 12, issue 14); expectations.test.ts fails until then.
  "stream-idle": [
    { scenario: "stream-stall", threshold: "http_req_receiving{kind:chat_stream}", why: "a stream provider-a stalls for 6 s after its second event is waited out instead of ending in band at the 2 s idle timeout: ~6 s from its first byte to its end, against 3 s" },
  ],
  passthrough: [
    { scenario: "malformed-stream", threshold: "ai_errors{class:malformed}", why: "provider-a's events that are not JSON and its completions cut at half reach the client as they came: answers it cannot parse" },
  ],
  "retry-after": [
    { scenario: "rate-limits", threshold: ["ai_fault_affected{fault:disrupt#1}", "ai_errors{limited:all,class:5xx}"], why: "provider-a is asked again inside its Retry-After: its 429s to a 30 % share pass 15 % of the requests (~90 of 360); and once every provider limits, the breakers those 429s opened answer 503 instead of a 429 with Retry-After" },
  ],
  cancel: [
    { scenario: "client-cancel", threshold: "ai_upstream_open{target:provider-a,phase:during}", why: "streams whose clients left after 1 s are read to their end for nobody (~10 s each while provider-a drips): ~260 answers open at provider-a against the 105 that cancelling within 1 s allows" },
  ],
  classify: [
    {
      scenario: "error-classes",
      threshold: ["400_context_length_exceeded", "400_invalid_value", "413", "422", "401_invalid_api_key", "403_unsupported_country_region_territory", "404_model_not_found"].map((c) => `ai_error_class_failed{class:${c}}`),
      why: "the two 4xx groups swap: a request's own 400/413/422 is retried and served by provider-b, and provider-a's own 401/403/404 reaches the client instead of failing over",
    },
  ],
  // Not all-providers-down: with every provider down both breakers open within their first
  // failures, and each of the storm's retries then meets an open breaker and fails without
  // reaching a link, so the attempts per client request stay under the 2.0 bound there.
  "retry-storm": [
    { scenario: "provider-errors", threshold: "ai_upstream_amplification{phase:during}", why: "provider-a fails 90 % of its requests: immediate, unbudgeted retries (ten, outside the breaker) send ~3 attempts per client request to the links, against ~1.03 with the retry budget (2026-12-04)" },
  ],
  "corrupt-stream": [
    { scenario: "baseline", threshold: ["ai_stream_complete", "ai_errors_well_formed"], why: "every stream comes without its content type and with its first chunk twice: corrupt, so no stream counts as complete and each is a failure that is no contract answer" },
    { scenario: "stream-interruption", threshold: ["ai_stream_complete", "ai_errors_well_formed"], why: "every stream comes without its content type and with its first chunk twice: corrupt, so no stream counts as complete and each is a failure that is no contract answer" },
  ],
};

/** The threshold keys of a catch, as a list. */
export function thresholdsOf(c: Catch): readonly string[] {
  return typeof c.threshold === "string" ? [c.threshold] : c.threshold;
}

/**
 * Verdicts that legitimately go either way, by switch: the fault only sometimes meets what the
 * switch breaks. MATRIX_FULL records them without asserting.
 */
export const MAY_CATCH: Readonly<Partial<Record<FragilitySwitch, readonly { scenario: string; why: string }[]>>> = {
  fallback: [
    { scenario: "request-timeouts", why: "provider-b is never asked, so its drip lands on nothing: exit 99 breaching only ai_fault_landed{fault:disrupt-2#1} (inconclusive), or 0 if a breaker probe reached it" },
    { scenario: "all-providers-down", why: "provider-b is never asked, so its faults land on nothing: exit 99 breaching only ai_fault_landed of disrupt-2 (inconclusive)" },
    { scenario: "concurrent-failures", why: "provider-b is never asked: the ~2.7 % of requests whose retries on provider-a all fail reach clients (masked budget), and provider-b's fault lands on nothing" },
  ],
  timeouts: [
    { scenario: "all-providers-down", why: "with no timeout nothing fails over once provider-a's link drops, so provider-b's drop lands only on a request that reached it in the instant before: otherwise inconclusive" },
  ],
  "stream-errors": [
    { scenario: "connection-failures", why: "the drop cuts a stream mid-way only if one is past its first token at that moment (~1 in flight on average): then a silent cut" },
    { scenario: "network-timeouts", why: "a stream past its first token when the blackhole lands stalls into the idle timeout: with the switch, a silent cut instead of an in-band error" },
    { scenario: "provider-outage", why: "a stream past its first token when the drop lands stalls into the idle timeout: then a silent cut" },
    { scenario: "slow-network", why: "a stream past its first token when the latency lands stalls into the idle timeout: then a silent cut" },
  ],
};
