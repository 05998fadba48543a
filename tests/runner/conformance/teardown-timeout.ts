import { setTimeout } from "k6/timers";

// k6 (internal/js/runner.go Teardown, internal/js/timeout_error.go): teardown() past
// teardownTimeout is interrupted and the run exits 101.
export const options = { iterations: 1, teardownTimeout: "1s" };

export default async function () {}

export async function teardown() {
  await new Promise((r) => setTimeout(r, 3000));
}
