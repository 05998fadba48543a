import http from "k6/http";

// http_req_failed and the expected_response tag follow the response callback (default
// 200-399; a per-request one wins): k6's javascript-api/k6-http/expected-statuses and
// lib/netext/httpext/request.go. k6 always creates http_req_duration{expected_response:true}.
export const options = {
  iterations: 1,
  thresholds: {
    http_req_failed: ["rate>0.3", "rate<0.4"],
    "http_reqs{expected_response:true}": ["count==2"],
    "http_reqs{expected_response:false}": ["count==1"],
  },
};

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
  await http.asyncRequest("GET", `${__ENV.BASE}/status/503`, null, { responseCallback: http.expectedStatuses(503) });
  await http.asyncRequest("GET", `${__ENV.BASE}/status/404`);
}
