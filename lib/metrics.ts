// The `ai_*` metrics, declared once (k6 allows metric constructors only in init; importing
// this module from a scenario does that). What each one means is in lib/README.md.
import { Counter, Rate, Trend } from "k6/metrics";
import { METRIC } from "../contracts/names.ts";

/** Time to first token of streams answered 200 (ms; time to first byte, see outcome.ts). */
export const aiTtft = new Trend(METRIC.ttft, true);
/** Time per output token after the first, streams with more than one token (ms). */
export const aiTimePerOutputToken = new Trend(METRIC.timePerOutputToken, true);
/** Completion tokens from usage objects; its rate is output tokens per second. */
export const aiOutputTokens = new Counter(METRIC.outputTokens);
/** Gaps between two content events of a stream (ms), one sample per gap (outcome.ts says what k6 lets us see of them). */
export const aiInterTokenLatency = new Trend(METRIC.interTokenLatency, true);
/** Per workload request: 1 when it met the TTFT, time-per-token and latency SLOs together (goodput). */
export const aiGoodput = new Rate(METRIC.goodput);
/** 1 per workload request that did not get the answer it expected (incl. in-band errors, cuts). */
export const aiReqFailed = new Rate(METRIC.reqFailed);
/**
 * 1 per workload request that failed before its answer started (error status, transport failure,
 * a stream that failed before its first token): the failures retries and fallback can still hide.
 */
export const aiReqUnanswered = new Rate(METRIC.reqUnanswered);
/** One count per failed request, tagged `class` (timeout, reset, 5xx, 429, 4xx, malformed, stream_cut, in_band, corrupt). */
export const aiErrors = new Counter(METRIC.errors);
/** Per failure or error answer: 1 when it was a contract answer (body, status, Retry-After). */
export const aiErrorsWellFormed = new Rate(METRIC.errorsWellFormed);
/** Per stream answered 200: 1 when it ended as the contract says ([DONE] or an in-band error). */
export const aiStreamComplete = new Rate(METRIC.streamComplete);
/** Per health probe: 1 when GET HEALTH_PATH answered 200; tagged `probe`. */
export const aiServiceAlive = new Rate(METRIC.serviceAlive);
/** Seconds from a fault's end until health, readiness and a chat all succeed again. */
export const aiRecoverySeconds = new Trend(METRIC.recoverySeconds);
/** One count per fault after which the service recovered before the deadline. */
export const aiRecoveries = new Counter(METRIC.recoveries);
/** Per held fault, when it ended: what it acted on (requests, connections, answers), as the fault controller counted it; tagged `fault` (its plan id). */
export const aiFaultAffected = new Counter(METRIC.faultAffected);
/** Per held fault, when it ended: 1 when it acted on something, 0 when it landed on nothing; tagged `fault`. */
export const aiFaultLanded = new Rate(METRIC.faultLanded);
/** Per error-class request that met its class: 1 when the service did not answer it as the contract asks; tagged `class`. */
export const aiErrorClassFailed = new Rate(METRIC.errorClassFailed);
/** Per phase: upstream attempts the provider links counted ÷ client requests planned; tagged `phase`. */
export const aiUpstreamAmplification = new Trend(METRIC.upstreamAmplification);
/** Every 250 ms: answers each provider link had open; tagged `target` and `phase`. */
export const aiUpstreamOpen = new Trend(METRIC.upstreamOpen);
