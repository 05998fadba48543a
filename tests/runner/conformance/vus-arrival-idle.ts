import { setTimeout } from "k6/timers";

// An arrival-rate VU counts in `vus` only while it runs an iteration (lib/executor/
// ramping_arrival_rate.go activeVUPool.AddVU), not while it waits for the next one. Iterations
// run [0,50], [400,450], [800,850], [1200,1250] ms...: the 1 s sample finds 5 VUs, none busy.
export const options = {
  scenarios: { main: { executor: "constant-arrival-rate", rate: 5, timeUnit: "2s", duration: "1900ms", preAllocatedVUs: 5 } },
  thresholds: { vus: ["value==0"], vus_max: ["value==5"] },
};

export default async function () {
  await new Promise((r) => setTimeout(r, 50));
}
