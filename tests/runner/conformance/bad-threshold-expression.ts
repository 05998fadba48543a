import http from "k6/http";

export const options = { iterations: 1, thresholds: { http_req_duration: ["p95<200"] } };

export function setup() {
  return http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}
