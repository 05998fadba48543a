import http from "k6/http";

export const options = { iterations: 2, thresholds: { http_req_duration: ["p(95)<5000"] } };

export function setup() {
  return { run: "summary" };
}

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`);
}

export function handleSummary(data: { metrics: Record<string, unknown>; setup_data?: unknown; state: unknown }) {
  const out = __ENV.SUMMARY_FILE ?? "summary.json";
  return {
    stdout: "custom stdout summary\n",
    stderr: "custom stderr summary\n",
    [out]: JSON.stringify({ metrics: Object.keys(data.metrics), setup_data: data.setup_data, state: data.state }),
  };
}
