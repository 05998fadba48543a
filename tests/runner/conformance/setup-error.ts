import { Counter } from "k6/metrics";

const teardownRan = new Counter("teardown_ran");

export const options = { iterations: 1 };

// k6 (internal/execution/scheduler.go Run): an exception in setup() exits 107 before teardown().
export function setup() {
  throw new Error("the target is down: http://127.0.0.1:1 refused the connection");
}

export default async function () {}

export function teardown() {
  teardownRan.add(1);
  console.log("teardown ran");
}
