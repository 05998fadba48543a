import exec from "k6/execution";
import { Trend } from "k6/metrics";

// When iteration k starts: constant-arrival-rate's ticker fires at k·timeUnit/rate, the first at
// once (lib/executor/constant_arrival_rate.go Run); ramping-arrival-rate's cal() when the rate's
// integral reaches k+1 (lib/executor/ramping_arrival_rate.go), so a steady 2/s starts at 500 ms.
// Both at 2/s for 2.2 s: 0, 0.5, 1, 1.5, 2 s (5) and 0.5, 1, 1.5, 2 s (4).
const startOffset = new Trend("start_offset", true);

export const options = {
  scenarios: {
    constant: { executor: "constant-arrival-rate", rate: 2, timeUnit: "1s", duration: "2200ms", preAllocatedVUs: 2 },
    ramp: { executor: "ramping-arrival-rate", startRate: 2, timeUnit: "1s", stages: [{ duration: "2200ms", target: 2 }], preAllocatedVUs: 2 },
  },
  thresholds: {
    "iterations{scenario:constant}": ["count==5"],
    "iterations{scenario:ramp}": ["count==4"],
    "start_offset{scenario:constant}": ["min<100", "max>=1950", "max<2150"],
    "start_offset{scenario:ramp}": ["min>=450", "min<650", "max>=1950", "max<2150"],
  },
};

export default async function () {
  startOffset.add(Date.now() - exec.scenario.startTime);
}
