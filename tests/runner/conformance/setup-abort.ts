import exec from "k6/execution";
import { Counter } from "k6/metrics";

const teardownRan = new Counter("teardown_ran");

export const options = { iterations: 1 };

// k6 (internal/execution/scheduler.go Run): setup() ending in exec.test.abort() returns before
// teardown(); the run exits 108.
export function setup() {
  exec.test.abort("the target is not ready");
}

export default async function () {}

export function teardown() {
  teardownRan.add(1);
}
