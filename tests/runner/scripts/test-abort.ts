import exec from "k6/execution";

export const options = { iterations: 5 };

export default async function () {
  if (exec.scenario.iterationInTest === 1) exec.test.abort("enough seen");
}

export function teardown() {
  console.log("teardown ran");
}
