// The k6 script of bench:runner's scheduling case: a constant-arrival-rate scenario of __ENV.RATE
// iterations/s for __ENV.DURATION, one awaited chat request per iteration (as vu-script.ts), so
// that the runner's start trace (AI_CHAOS_TRACE_STARTS) shows how late each iteration started.
// __ENV.TARGET: the target's base URL; __ENV.VUS: preAllocatedVUs (= maxVUs).
import http from "k6/http";

const URL = `${__ENV.TARGET}/v1/chat/completions`;
const BODY = JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: 1 });
const PARAMS = { headers: { "content-type": "application/json", "x-mock-ttft-ms": __ENV.TTFT_MS ?? "0" }, timeout: "60s" };
const VUS = Number(__ENV.VUS ?? 200);

export const options = {
  scenarios: {
    arrivals: { executor: "constant-arrival-rate", rate: Number(__ENV.RATE ?? 1000), timeUnit: "1s", duration: __ENV.DURATION ?? "10s", preAllocatedVUs: VUS, maxVUs: VUS },
  },
};

export default async function (): Promise<void> {
  await http.asyncRequest("POST", URL, BODY, PARAMS);
}
