import { Counter } from "k6/metrics";
import { setTimeout } from "k6/timers";

const teardownRan = new Counter("teardown_ran");

// The harness sends SIGTERM after 2 s: k6 stops the scenarios, still runs teardown() and the
// summary, and exits 105 (internal/cmd/run.go handleTestAbortSignals, errext/exitcodes).
export const options = { scenarios: { main: { executor: "constant-vus", vus: 2, duration: "20s" } } };

export default async function () {
  await new Promise((r) => setTimeout(r, 100));
}

export function teardown() {
  teardownRan.add(1);
  console.log("teardown ran");
}

export function handleSummary() {
  return { stdout: "handleSummary ran\n" };
}
