import { Counter } from "k6/metrics";
import { setTimeout } from "k6/timers";

const teardownRan = new Counter("teardown_ran");

// k6 (internal/js/runner.go Setup, internal/js/timeout_error.go): setup() past setupTimeout is
// interrupted and the run exits 100, without iterations or teardown().
export const options = { iterations: 1, setupTimeout: "1s" };

export async function setup() {
  await new Promise((r) => setTimeout(r, 3000));
}

export default async function () {}

export function teardown() {
  teardownRan.add(1);
}
