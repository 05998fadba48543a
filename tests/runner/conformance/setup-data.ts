import { check } from "k6";
import { Counter } from "k6/metrics";

// Counts the functions that reached their end: an empty `checks` rate would pass vacuously.
const reachedEnd = new Counter("reached_end");

export const options = { iterations: 2, thresholds: { checks: ["rate==1"], reached_end: ["count==3"] } };

export function setup() {
  return { model: "gpt-test", limits: [1, 2] };
}

export default async function (data: { model: string; limits: number[] }) {
  check(data, { "setup data reaches iterations": (d) => d.model === "gpt-test" && d.limits[1] === 2 && __VU >= 1 });
  reachedEnd.add(1);
}

export function teardown(data: { model: string }) {
  check(data, { "setup data reaches teardown": (d) => d.model === "gpt-test" && __VU === 0 });
  reachedEnd.add(1);
}
