import exec from "k6/execution";

// k6 (internal/cmd/run.go): exec.test.fail() exits 110 even when a threshold is crossed too;
// the crossed threshold is then only logged.
export const options = { iterations: 2, thresholds: { iterations: ["count==3"] } };

export default async function () {
  if (exec.scenario.iterationInTest === 0) exec.test.fail("marked failed");
}
