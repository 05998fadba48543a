import exec from "k6/execution";
import { Counter } from "k6/metrics";

const teardownRan = new Counter("teardown_ran");

export const options = { iterations: 5 };

// exec.test.abort() in an iteration exits 108; teardown() still runs (it has the global context).
export default async function () {
  if (exec.scenario.iterationInTest === 1) exec.test.abort("enough seen");
}

export function teardown() {
  teardownRan.add(1);
  console.log("teardown ran");
}
