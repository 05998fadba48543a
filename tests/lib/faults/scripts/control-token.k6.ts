// Run by control-token.test.ts in the Node runner: setup() makes the two calls a local-flavor run
// makes to the fault controller, scenario-kit's pre-flight (GET /targets; skipped with
// PREFLIGHT=0) and the local backend's POST /reset, so that a refusal fails the run (exit 107).
import { backend } from "../../../../lib/faults/backend-local.ts";
import { preflight } from "../../../../lib/scenario-kit.ts";

export const options = { vus: 1, iterations: 1 };

export async function setup(): Promise<void> {
  if (__ENV.PREFLIGHT !== "0") await preflight(true);
  await backend.reset();
}

export default async function (): Promise<void> {}
