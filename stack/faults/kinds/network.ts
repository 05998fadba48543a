// Network faults on a provider's link, acting on bytes (link-connection.ts): `drop` as
// xk6-disruptor's network drop, plus Toxiproxy's toxics it lacks: `latency` (± jitter, each
// way), `bandwidth` (downstream cap), `reset` (RST, optionally after N response bytes, like
// limit_data) and `blackhole` (accepted, read, never answered). `affected` counts the requests
// (connections, for non-HTTP traffic) held, delayed, throttled, reset or swallowed.
import { formatDuration } from "../../../contracts/duration.ts";
import { readChoice, readDuration, readNumber, rejectUnknownFields } from "../fields.ts";
import { defineKind } from "./kind.ts";

/** A normalized network fault. Times in milliseconds, rates in bytes per second. */
export type NetworkSpec =
  | { action: "drop" }
  | { action: "blackhole" }
  | { action: "latency"; latencyMs: number; jitterMs: number }
  | { action: "bandwidth"; rate: number }
  | { action: "reset"; probability: number; afterBytes: number | null };

const ACTIONS = ["drop", "latency", "bandwidth", "reset", "blackhole"] as const;

// The fields each action takes (besides kind, target, duration, action).
const ACTION_FIELDS: Record<NetworkSpec["action"], readonly string[]> = {
  drop: [],
  blackhole: [],
  latency: ["latency", "jitter"],
  bandwidth: ["rate"],
  reset: ["probability", "afterBytes"],
};

/** The `network` fault kind. */
export const networkKind = defineKind<NetworkSpec>({
  kind: "network",
  leased: true,
  fields: ["action", "latency", "jitter", "rate", "probability", "afterBytes"],
  supports: (target) => target.link !== undefined,
  parse(body) {
    const action = readChoice(body, "action", ACTIONS);
    rejectUnknownFields(body, `network ${action}`, ["kind", "target", "duration", "action", ...ACTION_FIELDS[action]]);
    switch (action) {
      case "drop":
      case "blackhole":
        return { action };
      case "latency":
        return { action, latencyMs: readDuration(body, "latency", { required: true, max: 600_000 }), jitterMs: readDuration(body, "jitter", { fallback: 0, max: 600_000 }) };
      case "bandwidth":
        return { action, rate: readNumber(body, "rate", { min: 1, max: 1e12, integer: true, what: "bytes per second, an integer" }) };
      case "reset": {
        const afterBytes = body.afterBytes === undefined ? null : readNumber(body, "afterBytes", { min: 0, max: 1e12, integer: true, what: "a byte count, an integer" });
        return { action, probability: readNumber(body, "probability", { min: 0, max: 1, fallback: 1 }), afterBytes };
      }
    }
  },
  view(spec) {
    switch (spec.action) {
      case "latency":
        return { action: spec.action, latency: formatDuration(spec.latencyMs), jitter: formatDuration(spec.jitterMs) };
      case "reset":
        return spec.afterBytes === null ? { action: spec.action, probability: spec.probability } : { ...spec };
      default:
        return { ...spec };
    }
  },
  async apply(ctx, spec) {
    const link = ctx.target.link;
    if (!link) throw new Error(`target '${ctx.target.name}' has no link`);
    return { end: link.addNetworkFault(ctx.id, spec, () => ctx.affected()) };
  },
});
