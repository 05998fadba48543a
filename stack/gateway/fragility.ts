/**
 * Fragility switches: each one turns off exactly one resilience mechanism so that the suite can be
 * proven against a broken gateway (see README.md for what each changes).
 */
export const FRAGILITY_SWITCHES = [
  "timeouts",
  "retries",
  "fallback",
  "breaker",
  "shedding",
  "validation",
  "restart",
  "stream-errors",
  "buffering",
  // The LLM failure modes (issue 12) and the stream-integrity defect (issue 14).
  "stream-idle",
  "passthrough",
  "retry-after",
  "cancel",
  "classify",
  "retry-storm",
  "corrupt-stream",
] as const;

/** One fragility switch name. */
export type FragilitySwitch = (typeof FRAGILITY_SWITCHES)[number];

/** The set of switches that are on (mechanisms that are off). */
export type Fragility = ReadonlySet<FragilitySwitch>;

/** Parses `timeouts,retries` (empty string = none); throws naming unknown switches and the accepted ones. */
export function parseFragility(list: string): Fragility {
  const names = list.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = names.filter((n) => !(FRAGILITY_SWITCHES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown fragility switch${unknown.length > 1 ? "es" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}: ` +
        `accepted are ${FRAGILITY_SWITCHES.join(", ")}`,
    );
  }
  return new Set(names as FragilitySwitch[]);
}
