import http from "k6/http";

export const options = { iterations: 1, thresholds: { http_reqs: ["p(95)<200"] } };

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}
