import exec from "k6/execution";
import { Rate } from "k6/metrics";

// Module state is per VU: each VU counts only its own iterations.
let iterationsOfThisVU = 0;
const initVU = __VU;
const stateOk = new Rate("state_ok");

export const options = {
  scenarios: { main: { executor: "per-vu-iterations", vus: 3, iterations: 4 } },
  thresholds: { state_ok: ["rate==1"], "iterations{scenario:main}": ["count==12"] },
};

export default async function () {
  iterationsOfThisVU++;
  stateOk.add(iterationsOfThisVU === exec.vu.iterationInScenario + 1 && initVU === exec.vu.idInTest && __ITER === exec.vu.iterationInInstance);
}
