import http from "k6/http";

export const options = { iterations: 1, thresholds: { ai_not_declared: ["count>0"] } };

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}
