// The k6 script of bench:streams: __ENV.VUS constant VUs, each looping the collection's ordinary
// streamed turn (lib/ai-service/client.ts userTurn: a ~64-token prompt, 32 tokens back, SSE
// parsing, checks and ai_* metrics; STREAM_RATIO=1 makes every turn a stream) against
// bench/lib/fixed-target.ts, whose events carry the target's own clock (`: t0=` request read,
// `: t=` first and last event written, µs). Per stream it adds what the runner recorded minus what
// the target stamped:
//   bench_ttft_error  http_req_waiting (the collection's ai_ttft) − (first event − request read)
//   bench_gap_error   the mean inter-token gap the collection records (ai_time_per_output_token:
//                     http_req_receiving ÷ (tokens − 1)) − the stamped (last − first) ÷ (tokens − 1)
// Each is tagged warm:false for a VU's first turn (cold code, its connection's dial), true after.
// chat() keeps its Response to itself, so the script wraps http.asyncRequest (once per VU, in
// init) to see the body it received. A VU's first iteration waits a random part of one turn, so
// that the VUs' streams do not start, tick and end in lockstep.
import http, { type RefinedResponse, type ResponseType } from "k6/http";
import exec from "k6/execution";
import { Trend } from "k6/metrics";
import { userTurn } from "../../lib/ai-service/client.ts";
import { pause } from "../../lib/test-clock.ts";
import { ERROR_CLASSES } from "../../contracts/names.ts";

const ttftError = new Trend("bench_ttft_error", true);
const gapError = new Trend("bench_gap_error", true);
const TURN_MS = Number(__ENV.TURN_MS ?? 2050);

let last: RefinedResponse<ResponseType | undefined> | undefined;
const send = http.asyncRequest;
(http as { asyncRequest: typeof send }).asyncRequest = async (...args: Parameters<typeof send>) => (last = await send(...args));

export const options = {
  scenarios: { streams: { executor: "constant-vus", vus: Number(__ENV.VUS ?? 100), duration: __ENV.DURATION ?? "20s", gracefulStop: "10s" } },
  summaryTrendStats: ["avg", "med", "p(99)", "max"],
  // A threshold per error class puts each one's count in the summary export, zero included; the
  // warm errors' submetrics too.
  thresholds: {
    ...Object.fromEntries(ERROR_CLASSES.map((c) => [`ai_errors{class:${c}}`, ["count>=0"]])),
    "bench_ttft_error{warm:true}": ["max>=-1000000"], "bench_gap_error{warm:true}": ["max>=-1000000"],
  },
};

const stamp = (body: string, from: number, name: string): number | undefined => {
  const at = body.indexOf(`: ${name}=`, from);
  return at < 0 ? undefined : Number(body.slice(at + name.length + 3, body.indexOf("\n", at)));
};

export default async function (): Promise<void> {
  if (exec.vu.iterationInInstance === 0) await pause(Math.random() * TURN_MS);
  const outcome = await userTurn();
  const res = last;
  last = undefined;
  const body = typeof res?.body === "string" ? res.body : "";
  const t0 = stamp(body, 0, "t0"), first = stamp(body, 0, "t"), end = stamp(body, body.lastIndexOf(": t="), "t");
  const tokens = outcome.outputTokens ?? 0;
  if (!res || !outcome.ok || t0 === undefined || first === undefined || end === undefined || tokens < 2) return;
  const tags = { warm: String(exec.vu.iterationInInstance > 0) };
  ttftError.add(res.timings.waiting - (first - t0) / 1000, tags);
  gapError.add((res.timings.receiving - (end - first) / 1000) / (tokens - 1), tags);
}
