// SLO numbers in one place: defaults, overridden by a JSON file (`SLO_FILE`) and then by env
// (`SLO_<KEY>`, e.g. SLO_LATENCY_P95_MS=2500), so users tune pass criteria without editing code.
// Unknown keys and wrong types stop the run with a sentence naming the key and the accepted
// form. Pure: the k6 side passes `__ENV` and the text `open` read (lib/scenario-kit.ts loadSlo).

/** How a value is checked: ms/seconds/ratio > 0, a rate in 0..1, a count integer >= 0. */
type Form = "ms" | "seconds" | "rate" | "count" | "ratio";

const FORMS = {
  latencyP95Ms: "ms",
  ttftP95Ms: "ms",
  timePerTokenP95Ms: "ms",
  errorRateBefore: "rate",
  errorRateAfter: "rate",
  errorBudgetDuring: "rate",
  maskedErrorRate: "rate",
  degradedLatencyP50Ms: "ms",
  deadlineMs: "ms",
  stalledStreamEndMs: "ms",
  wellFormedRate: "rate",
  streamCompleteRate: "rate",
  maxDurationMs: "ms",
  fastFailureP95Ms: "ms",
  fastFailureP50Ms: "ms",
  recoverySecondsMax: "seconds",
  serviceAliveRate: "rate",
  droppedIterationsMax: "count",
  abortErrorRate: "rate",
  abortAliveRate: "rate",
  amplificationDuringMax: "ratio",
  amplificationSteadyMax: "ratio",
} as const satisfies Record<string, Form>;

/** An SLO key. */
export type SloKey = keyof typeof FORMS;

/** Every SLO value, by key. */
export type Slo = Readonly<Record<SloKey, number>>;

/** Defaults for the reference stack at the smoke profile; see thresholds/README.md for each one. */
export const SLO_DEFAULTS: Slo = {
  latencyP95Ms: 3_000, // whole chat request (a streamed one ends at its last token)
  ttftP95Ms: 1_500,
  timePerTokenP95Ms: 150,
  // 2 %, not 1 %: a smoke run judges 600 requests before the fault, and a 1 % budget needs ~940
  // for chance alone to stay out of the verdict (thresholds/README.md). Set 0.01 for longer runs.
  errorRateBefore: 0.02,
  errorRateAfter: 0.02,
  errorBudgetDuring: 0.1,
  maskedErrorRate: 0.02, // failures before the answer started, in a fault retries and fallback exist to hide
  // During a fault the typical answer must not pay for it: a breaker stops requests waiting on a
  // dead provider. The tail may pay one failover (bounded by deadlineMs) while the breaker learns.
  degradedLatencyP50Ms: 2_000,
  deadlineMs: 7_000, // the service's request deadline (6 s on the reference gateway) + 1 s transport
  // A stream whose provider goes silent ends in band within the service's idle timeout (2 s on the
  // reference gateway) + 1 s, counted from its first byte: a stall is never waited out.
  stalledStreamEndMs: 3_000,
  wellFormedRate: 0.99,
  streamCompleteRate: 0.99,
  maxDurationMs: 15_000, // below the 20 s client timeout: a request that long is a hang
  fastFailureP95Ms: 1_000,
  fastFailureP50Ms: 500, // when providers hang, the breaker's learning costs a few slow failures, not most
  recoverySecondsMax: 10,
  serviceAliveRate: 0.95,
  droppedIterationsMax: 0,
  abortErrorRate: 0.95, // safety: stop the run when nearly everything fails
  abortAliveRate: 0.5,
  // Upstream attempts per client request (retry amplification). During the fault retries and
  // failover may double the attempts, not more: a gateway without a retry budget multiplies them.
  amplificationDuringMax: 2.0,
  // In steady state one attempt per request; 5 % spare for breaker health probes and stray retries.
  amplificationSteadyMax: 1.05,
};

const ACCEPTS: Record<Form, string> = {
  ms: "a number of milliseconds > 0",
  seconds: "a number of seconds > 0",
  rate: "a number from 0 to 1",
  count: "an integer >= 0",
  ratio: "a number > 0",
};

function fits(form: Form, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (form === "rate") return value >= 0 && value <= 1;
  if (form === "count") return Number.isInteger(value) && value >= 0;
  return value > 0;
}

/** `latencyP95Ms` → `SLO_LATENCY_P95_MS`. */
export function envName(key: SloKey): string {
  return `SLO_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

const KEYS = Object.keys(FORMS) as SloKey[];

/** Defaults, then the SLO file's JSON text, then `SLO_<KEY>` env values; throws a sentence on bad input. */
export function resolveSlo(env: Readonly<Record<string, string | undefined>>, fileText?: string, fileName = "SLO_FILE"): Slo {
  const slo: Record<SloKey, number> = { ...SLO_DEFAULTS };
  if (fileText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fileText);
    } catch (err) {
      throw new Error(`${fileName} must hold a JSON object of SLO values; it is not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${fileName} must hold a JSON object of SLO values`);
    for (const [key, value] of Object.entries(parsed)) {
      if (!(key in FORMS)) throw new Error(`${fileName} key "${key}" is unknown; known keys: ${KEYS.join(", ")}`);
      const form = FORMS[key as SloKey];
      if (typeof value !== "number" || !fits(form, value)) throw new Error(`${fileName} key "${key}" must be ${ACCEPTS[form]}; got ${JSON.stringify(value)}`);
      slo[key as SloKey] = value;
    }
  }
  const byEnv = new Map(KEYS.map((key) => [envName(key), key]));
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith("SLO_") || name === "SLO_FILE" || text === undefined || text.trim() === "") continue;
    const key = byEnv.get(name);
    if (!key) throw new Error(`${name} is not an SLO setting; known: ${[...byEnv.keys()].join(", ")}`);
    const value = Number(text);
    if (!/^\s*-?\d*\.?\d+\s*$/.test(text) || !fits(FORMS[key], value)) throw new Error(`${name} must be ${ACCEPTS[FORMS[key]]}; got "${text}"`);
    slo[key] = value;
  }
  return slo;
}
