import http from "k6/http";

export const options = { iterations: 2, thresholds: { http_req_failed: ["rate<0.1"] } };

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/status/500`);
}
