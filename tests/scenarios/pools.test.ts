// Every scenario fits k6 at every profile, and at smoke every judged phase carries enough
// requests to judge. Read from each scenario's own plan, through the runner's `inspect` (init only:
// no VU runs, no network), with the local stack's defaults as a run has them.
// - VUs: k6 holds every scenario's maxVUs at most (`vus_max`), ~3 MB each; the profile's vusMax
//   bounds the sum (lib/profiles.ts), 400 at smoke (~1.2 GB).
// - Requests: a judged phase needs at least 500 workload requests, so that a rate budget of 2 %
//   gives chance alone under 5 % odds of a wrong verdict either way (thresholds/README.md).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import type { PlannedExecutor, ScenarioPlan } from "../../contracts/scenario-plan.ts";
import { PROFILES, PROFILE_NAMES } from "../../lib/profiles.ts";
import { inspectScript } from "../../runner/engine/inspect.ts";
import { scenarioNames } from "../../scripts/chaos/catalogue.ts";

const SCENARIOS_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const MIN_REQUESTS_PER_PHASE = 500;

async function planOf(name: string, profile: string): Promise<ScenarioPlan> {
  const { plan } = await inspectScript(`${SCENARIOS_DIR}${name}.ts`, { PROFILE: profile });
  assert.ok(plan, `${name} exports a plan`);
  return plan as ScenarioPlan;
}

/** The most VUs an executor may hold. */
const vusOf = (e: PlannedExecutor): number => e.maxVUs ?? e.preAllocatedVUs ?? e.vus ?? 1;

/** Iterations the `load` executor starts in [from, to) ms: a constant arrival rate's. */
function loadRequests(plan: ScenarioPlan, from: number, to: number): number {
  const load = plan.executors.find((e) => e.name === "load");
  assert.ok(load?.rate, `${plan.name}: a constant-arrival-rate load`);
  return Math.floor(((Math.min(to, load.startMs + load.durationMs) - Math.max(from, load.startMs)) * load.rate) / 1_000);
}

for (const profile of PROFILE_NAMES) {
  test(`every scenario fits the ${profile} profile's ${PROFILES[profile].vusMax} VUs (k6 holds ~3 MB each)`, async () => {
    for (const name of scenarioNames(SCENARIOS_DIR)) {
      const plan = await planOf(name, profile);
      const vus = plan.executors.reduce((sum, e) => sum + vusOf(e), 0);
      assert.ok(vus <= PROFILES[profile].vusMax, `${name} at ${profile} holds up to ${vus} VUs: ${plan.executors.map((e) => `${e.name} ${vusOf(e)}`).join(", ")}`);
    }
  });
}

test(`at smoke every judged phase of every scenario carries at least ${MIN_REQUESTS_PER_PHASE} workload requests`, async () => {
  for (const name of scenarioNames(SCENARIOS_DIR)) {
    const plan = await planOf(name, "smoke");
    const { during, endMs } = plan.timeline;
    const phases = { before: loadRequests(plan, 0, during.startMs), during: loadRequests(plan, during.startMs, during.endMs), after: loadRequests(plan, during.endMs, endMs) };
    for (const [phase, n] of Object.entries(phases)) assert.ok(n >= MIN_REQUESTS_PER_PHASE, `${name}: ${n} requests ${phase} the fault`);
  }
});
