import { check } from "k6";
import http from "k6/http";

export const options = { iterations: 3, vus: 1, thresholds: { checks: ["rate==1"], http_reqs: ["count==3"] } };

export default async function () {
  const res = await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
  check(res, { "status is 200": (r) => r.status === 200 });
}
