import { check } from "k6";
import { Counter } from "k6/metrics";

const reachedEnd = new Counter("reached_end");

export const options = {
  scenarios: { main: { executor: "shared-iterations", env: { FROM_SCENARIO: "s" } } },
  thresholds: { checks: ["rate==1"], reached_end: ["count==1"] },
};

const initSeesScenarioEnv = __ENV.FROM_SCENARIO !== undefined;

export default async function () {
  check(__ENV, {
    "-e reaches __ENV": (e) => e.FROM_FLAG === "f",
    "scenario env is added in iterations": (e) => e.FROM_SCENARIO === "s",
    "scenario env is absent in init": () => !initSeesScenarioEnv,
  });
  reachedEnd.add(1);
}
