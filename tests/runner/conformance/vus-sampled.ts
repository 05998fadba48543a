import { setTimeout } from "k6/timers";

// k6 samples vus and vus_max once a second, from a ticker, with no sample at the start or the
// end (internal/execution/scheduler.go emitVUsAndVUsMax): one VU looping for 2.2 s reads 1, 1, 1.
export const options = {
  scenarios: { main: { executor: "constant-vus", vus: 1, duration: "2200ms" } },
  thresholds: { vus: ["value==1"], vus_max: ["value==1"] },
};

export default async function () {
  await new Promise((r) => setTimeout(r, 100));
}
