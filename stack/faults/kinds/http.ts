// HTTP faults on requests passing through a provider's link, as xk6-disruptor's HTTPFault:
// every request not excluded waits averageDelay ± delayVariation, then an errorRate share is
// answered errorCode/errorBody instead of being forwarded (see http-fault-proxy.ts). `affected`
// counts the requests delayed or answered with the error.
import { formatDuration, quote as describe } from "../../../contracts/duration.ts";
import { FieldError } from "../errors.ts";
import { readDuration, readNumber, readString, type Body } from "../fields.ts";
import { defineKind } from "./kind.ts";

/** A normalized HTTP fault. Times in milliseconds. */
export interface HttpSpec {
  averageDelayMs: number;
  delayVariationMs: number;
  /** Share of requests answered with errorCode, 0..1. */
  errorRate: number;
  errorCode: number;
  /** Body of injected errors; null means an OpenAI-shaped error for errorCode. */
  errorBody: string | null;
  /** Exact request paths (query excluded) left untouched. */
  exclude: string[];
}

/** The `http` fault kind. */
export const httpKind = defineKind<HttpSpec>({
  kind: "http",
  leased: true,
  fields: ["averageDelay", "delayVariation", "errorRate", "errorCode", "errorBody", "exclude"],
  supports: (target) => target.link !== undefined,
  parse(body) {
    const averageDelayMs = readDuration(body, "averageDelay", { fallback: 0, max: 600_000 });
    const delayVariationMs = readDuration(body, "delayVariation", { fallback: 0, max: averageDelayMs });
    const errorRate = readNumber(body, "errorRate", { min: 0, max: 1, fallback: 0 });
    const code = readNumber(body, "errorCode", { min: 400, max: 599, integer: true, fallback: 0, what: "an HTTP error status (integer)" });
    if (errorRate > 0 && code === 0) throw new FieldError("errorCode", "an HTTP error status between 400 and 599 (required when errorRate > 0)", "nothing", "missing_field");
    if (averageDelayMs === 0 && errorRate === 0) {
      throw new FieldError("averageDelay", "a duration > 0, unless errorRate > 0 (an HTTP fault with neither does nothing)", describe(body.averageDelay));
    }
    return { averageDelayMs, delayVariationMs, errorRate, errorCode: code || 500, errorBody: readString(body, "errorBody", undefined) ?? null, exclude: readExclude(body) };
  },
  view: (spec) => ({
    averageDelay: formatDuration(spec.averageDelayMs),
    delayVariation: formatDuration(spec.delayVariationMs),
    errorRate: spec.errorRate,
    errorCode: spec.errorCode,
    errorBody: spec.errorBody,
    exclude: spec.exclude.join(","),
  }),
  async apply(ctx, spec) {
    const link = ctx.target.link;
    if (!link) throw new Error(`target '${ctx.target.name}' has no link`);
    return { end: link.addHttpFault(ctx.id, spec, () => ctx.affected()) };
  },
});

// --- internal ---

function readExclude(body: Body): string[] {
  const value = body.exclude;
  if (value === undefined || value === "") return [];
  const paths = typeof value === "string" ? value.split(",").map((p) => p.trim()) : value;
  const ok = Array.isArray(paths) && paths.every((p) => typeof p === "string" && p.startsWith("/"));
  if (!ok) throw new FieldError("exclude", 'comma-separated URL paths starting with "/", such as "/healthz,/v1/models"', describe(value));
  return paths as string[];
}
