import { check, group, sleep } from "k6";
import http from "k6/http";
import { Counter } from "k6/metrics";

const reachedEnd = new Counter("reached_end");

export const options = { iterations: 1, thresholds: { checks: ["rate==1"], reached_end: ["count==1"] } };

function refusal(fn: () => unknown): string {
  try {
    fn();
    return "not refused";
  } catch (err) {
    return String(err);
  }
}

export default async function () {
  check(refusal(() => http.get(`${__ENV.BASE}/ok`)), { "http.get names asyncRequest": (m) => m.includes("http.asyncRequest") });
  check(refusal(() => http.post(`${__ENV.BASE}/ok`, "x")), { "http.post names asyncRequest": (m) => m.includes("http.asyncRequest") });
  check(refusal(() => http.batch([["GET", `${__ENV.BASE}/ok`]])), { "http.batch names Promise.all": (m) => m.includes("Promise.all") });
  check(refusal(() => sleep(1)), { "sleep names setTimeout": (m) => m.includes("setTimeout") });
  check(refusal(() => group("g", async () => undefined)), { "async group names tags": (m) => m.includes("tags") });
  check(refusal(() => check(1, { async: (async () => true) as unknown as () => boolean })), { "async check is refused": (m) => m.includes("synchronous") });
  reachedEnd.add(1);
}
