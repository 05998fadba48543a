import http from "k6/http";

export const options = { scenarios: { main: { executor: "constant-vu", vus: 1, duration: "1s" } } };

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}
