// The tag vocabulary every request carries, so thresholds can select exactly the traffic they
// judge. Control-plane traffic (`control`: the fault API; `probe`: health, readiness and
// recovery probes) is tagged so that no SLO threshold ever counts it. Pure: no k6 imports.
import type { Phase } from "./phases.ts";

/**
 * What a request is for: the `kind` tag. `invalid`: malformed on purpose (expects a 4xx);
 * `over_deadline`: asks for a generation slower than the service's deadline (expects a timeout
 * answer); `long_stream`: a stream held open for seconds on purpose (a saturation surge).
 */
export type Kind = "chat" | "chat_stream" | "invalid" | "over_deadline" | "long_stream" | "probe" | "control";

/** Kinds of ordinary workload traffic, judged by the latency SLOs. */
export const WORKLOAD_KINDS: readonly Kind[] = ["chat", "chat_stream"];

/** Which probe sent a health request: the `probe` tag on `ai_service_alive`. */
export type ProbeName = "setup" | "liveness" | "recovery" | "final";

/** Tags of one workload request: `name` groups URLs, `phase` and `kind` select thresholds. */
export interface RequestTags {
  [key: string]: string;
  phase: Phase;
  kind: Kind;
  name: string;
}
