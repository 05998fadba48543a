import exec from "k6/execution";

export const options = { iterations: 3, thresholds: { iterations: ["count==3"] } };

export default async function () {
  if (exec.scenario.iterationInTest === 0) exec.test.fail("marked failed, run continues");
}
