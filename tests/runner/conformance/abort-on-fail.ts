import http from "k6/http";
import { setTimeout } from "k6/timers";

export const options = {
  scenarios: { load: { executor: "constant-vus", vus: 2, duration: "20s" } },
  thresholds: { http_req_failed: [{ threshold: "rate<0.1", abortOnFail: true }] },
};

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/status/503`);
  await new Promise((r) => setTimeout(r, 50));
}

export function teardown() {
  console.log("teardown ran");
}

export function handleSummary() {
  return { stdout: "handleSummary ran\n" };
}
