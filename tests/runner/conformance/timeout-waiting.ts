import http from "k6/http";

// k6 (lib/netext/httpext/tracer.go Done): a request written and never answered waits until the
// timeout ends it, so its http_req_waiting and http_req_duration are the timeout, not ~0.
export const options = {
  iterations: 1,
  thresholds: { http_req_duration: ["max>=900", "max<1500"], http_req_waiting: ["max>=900"], http_req_failed: ["rate==1"] },
};

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/hang`, null, { timeout: "1s" });
}
