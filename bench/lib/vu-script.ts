// The k6 script that bench:runner runs under the Node runner: the smallest realistic iteration,
// one awaited chat request per iteration, no checks, no custom metrics, so that what is
// measured is the runner's own cost per request (VU scheduling, undici, metric samples).
//
// __ENV.TARGET: the provider's base URL; __ENV.TTFT_MS: the provider's wait before the first
// token, per request (x-mock-ttft-ms), e.g. 0 for a throughput bound, 20 for a latency bound,
// 5000 to keep every VU's request in flight while memory is sampled.
import http from "k6/http";

const URL = `${__ENV.TARGET}/v1/chat/completions`;
// max_tokens 1: one provider timer per request, so the provider is not what bounds req/s
const BODY = JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: 1 });
const PARAMS = {
  headers: { "content-type": "application/json", "x-mock-ttft-ms": __ENV.TTFT_MS ?? "0" },
  timeout: "60s",
};

export default async function (): Promise<void> {
  await http.asyncRequest("POST", URL, BODY, PARAMS);
}
