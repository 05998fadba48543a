// The table thresholds/README.md shows: for each rate threshold, the requests a smoke run judges
// it on and the odds that chance alone gives the wrong verdict (tests/thresholds/power.ts). Counts
// come from the smoke profile (rate × phase window) and the default stream share, so the table
// cannot drift from the profile. Print it with `node --import tsx tests/thresholds/power-table.ts`
// and paste it under "How much a smoke run can judge"; a test fails when the copy is stale.
import { parseConfig } from "../../lib/config.ts";
import { faultWindow, PROFILES, totalDuration } from "../../lib/profiles.ts";
import { SLO_DEFAULTS, type SloKey } from "../../thresholds/slo.ts";
import { power, type Power } from "./power.ts";

// invalid-input sends one request in three malformed (scenarios/invalid-input.ts: iterationSeed() % 3).
const INVALID_SHARE = 1 / 3;
// The probe scenario's arrivals per second (lib/scenario-spec.ts).
const PROBES_PER_SECOND = 10;

/** One judged rate threshold at smoke. */
export interface PowerRow extends Power {
  threshold: string;
  key: SloKey;
  over: string;
}

/** Every rate budget of the SLO, with what a smoke run judges it on. */
export function smokeRows(): PowerRow[] {
  const smoke = PROFILES.smoke;
  const window = faultWindow(smoke);
  const total = totalDuration(smoke);
  const requests = (ms: number) => Math.floor((smoke.rate * ms) / 1_000);
  const streamShare = parseConfig({}).streamRatio;
  const row = (threshold: string, key: SloKey, over: string, n: number, failing: "below" | "above"): PowerRow => {
    // `rate>=x` judges successes: its budget of failures is 1 - x.
    const budget = failing === "below" ? SLO_DEFAULTS[key] : 1 - SLO_DEFAULTS[key];
    return { threshold, key, over, ...power(n, Number(budget.toFixed(6))) };
  };
  return [
    row("ai_req_failed{phase:before}", "errorRateBefore", "requests sent before the fault", requests(window.start), "below"),
    row("ai_req_unanswered{phase:during}", "maskedErrorRate", "requests sent during the fault window", requests(window.end - window.start), "below"),
    row("ai_req_failed{phase:during}", "errorBudgetDuring", "requests sent during the fault window", requests(window.end - window.start), "below"),
    row("ai_req_failed{phase:after}", "errorRateAfter", "requests sent after it", requests(total - window.end), "below"),
    row("ai_req_failed{kind:invalid}", "errorRateBefore", "invalid-input's malformed requests, the whole run", Math.floor(requests(total) * INVALID_SHARE), "below"),
    row("ai_stream_complete", "streamCompleteRate", "streamed requests, the whole run", Math.floor(requests(total) * streamShare), "above"),
    row("ai_stream_complete", "streamCompleteRate", "invalid-input's streamed requests (its well-formed turns stream half the time)", Math.floor(requests(total) * (1 - INVALID_SHARE) * streamShare), "above"),
    row("ai_service_alive", "serviceAliveRate", "liveness probes, the whole run", Math.floor((PROBES_PER_SECOND * total) / 1_000), "above"),
  ];
}

const pct = (p: number) => (p < 0.0001 ? "< 0.01 %" : `${(p * 100).toFixed(2)} %`);

/** The Markdown table. */
export function powerTable(rows: readonly PowerRow[] = smokeRows()): string {
  const lines = [
    "| threshold | SLO key | budget | judged over (smoke) | n | breaches a service at half the budget | passes one at twice the budget |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) lines.push(`| \`${r.threshold}\` | \`${r.key}\` | ${+(r.budget * 100).toFixed(2)} % | ${r.over} | ${r.n} | ${pct(r.falseAlarm)} | ${pct(r.miss)} |`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(powerTable());
