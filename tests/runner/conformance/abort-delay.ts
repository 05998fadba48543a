import http from "k6/http";
import { setTimeout } from "k6/timers";

// Thresholds run every 2 s during the test (internal/metrics/engine thresholdsRate); an
// abortOnFail one aborts (exit 99) only once delayAbortEval < elapsed: not at 2 s, at 4 s.
export const options = {
  scenarios: { main: { executor: "constant-vus", vus: 1, duration: "10s" } },
  thresholds: { http_req_failed: [{ threshold: "rate<0.5", abortOnFail: true, delayAbortEval: "3s" }] },
};

export default async function () {
  await new Promise((r) => setTimeout(r, 100));
  await http.asyncRequest("GET", `${__ENV.BASE}/status/503`);
}
