import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one worker (one registry per gateway, so tests can build many). */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<"route" | "status" | "provider">;
  attempts: Counter<"provider" | "outcome">;
  retries: Counter<"provider">;
  retriesDenied: Counter<"provider">;
  fallbacks: Counter<"from" | "to">;
  healthProbes: Counter<"provider" | "outcome">;
  breakerState: Gauge<"provider">;
  shed: Counter;
  inflight: Gauge;
  ttft: Histogram<"provider">;
  duration: Histogram<"route">;
}

/** Breaker state as a gauge value: 0 closed, 1 half-open, 2 open. */
export const BREAKER_GAUGE = { closed: 0, "half-open": 1, open: 2 } as const;

/** Creates the metrics; every series carries the worker's `pod` label. */
export function createMetrics(pod: string): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ pod });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: "ai_gateway_requests_total", help: "Answered requests by route, status and provider that answered", labelNames: ["route", "status", "provider"], registers }),
    attempts: new Counter({ name: "ai_gateway_provider_attempts_total", help: "Upstream attempts by provider and outcome", labelNames: ["provider", "outcome"], registers }),
    retries: new Counter({ name: "ai_gateway_retries_total", help: "Retries (attempts after the first) per provider", labelNames: ["provider"], registers }),
    retriesDenied: new Counter({ name: "ai_gateway_retries_denied_total", help: "Retries not made because the retry budget was spent", labelNames: ["provider"], registers }),
    fallbacks: new Counter({ name: "ai_gateway_fallbacks_total", help: "Requests moved from one provider to the next", labelNames: ["from", "to"], registers }),
    healthProbes: new Counter({ name: "ai_gateway_health_probes_total", help: "Health probes of providers whose breaker is open, by outcome (ok or failed)", labelNames: ["provider", "outcome"], registers }),
    breakerState: new Gauge({ name: "ai_gateway_breaker_state", help: "Circuit breaker state per provider: 0 closed, 1 half-open, 2 open", labelNames: ["provider"], registers }),
    shed: new Counter({ name: "ai_gateway_shed_total", help: "Requests shed with 429 because max-inflight was reached", registers }),
    inflight: new Gauge({ name: "ai_gateway_inflight", help: "Requests in flight in this worker", registers }),
    ttft: new Histogram({ name: "ai_gateway_ttft_seconds", help: "Time from request arrival to the first streamed byte", labelNames: ["provider"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8], registers }),
    duration: new Histogram({ name: "ai_gateway_request_duration_seconds", help: "Time from request arrival to the end of the answer", labelNames: ["route"], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16], registers }),
  };
}
