// Runs the fault steps a scenario declares (tracks.ts), mirroring xk6-disruptor's model on
// whichever backend the bundle was built with (see backend.ts). Specs are validated before
// anything is injected; SKIP_FAULTS=1 makes every injection a no-op (a baseline run); an
// injection that fails aborts the test (exit 108), because a chaos run whose fault never
// happened proves nothing. When a held fault ends, what it affected is recorded under its plan
// id (`ai_fault_affected`, `ai_fault_landed{fault:disrupt#1}`): a fault that acted on nothing
// makes the verdict inconclusive.
import exec from "k6/execution";
import { loadConfig } from "../config.ts";
import { aiFaultAffected, aiFaultLanded } from "../metrics.ts";
import { awaitDisruption } from "../probes.ts";
import { pause } from "../test-clock.ts";
import { backend } from "./backend.ts";
import {
  validateHttpFault, validateNetworkFault, validatePodTermination, validateStreamFault, validateStressFault, validateTarget,
  type Affected, type FaultStep,
} from "./model.ts";
import type { PlannedStep, PlannedTrack } from "./tracks.ts";

// After a pod kill, readiness shows the loss within this (ms), so that the recovery wait that
// follows cannot start before the fault has landed.
const POD_LOSS_SEEN_MS = 2_000;

/** Throws a sentence for the first broken invariant of `step`'s target or spec. */
function validate(step: FaultStep): void {
  validateTarget(step.target);
  switch (step.kind) {
    case "http":
      return validateHttpFault(step.spec);
    case "network":
      return validateNetworkFault(step.spec);
    case "stream":
      return validateStreamFault(step.spec);
    case "stress":
      return validateStressFault(step.spec);
    case "pods":
      return validatePodTermination(step.spec);
    case "wait":
      return;
  }
}

// What a step injects, for log lines and abort messages.
function describe(step: FaultStep): string {
  if (step.kind === "network" || step.kind === "stream") return `${step.kind} ${step.spec.action}`;
  return { http: "HTTP faults", stress: "resource stress", pods: "pod termination", wait: "nothing (a wait)" }[step.kind];
}

// The backend call of a held or instant step; resolves with what it affected once it has ended.
async function inject(step: FaultStep, heldMs: number): Promise<Affected> {
  switch (step.kind) {
    case "http":
      return backend.injectHttpFault(step.target, step.spec, heldMs);
    case "network":
      return backend.injectNetworkFault(step.target, step.spec, heldMs);
    case "stream":
      return backend.injectStreamFault(step.target, step.spec, heldMs);
    case "stress":
      return backend.injectStress(step.target, step.spec, heldMs);
    case "pods":
      await backend.terminatePods(step.target, step.spec);
      await awaitDisruption(POD_LOSS_SEEN_MS);
      return undefined;
    case "wait":
      await pause(heldMs);
      return undefined;
  }
}

/** Runs one step: resolves when its fault has ended (a pod kill: once readiness shows it), or its wait is over. */
export async function runStep({ id, step, durationMs: heldMs }: PlannedStep): Promise<void> {
  const what = `${describe(step)} on ${step.target} (${id})`;
  try {
    // A bad spec aborts too: it is a defect of the scenario, and it must not pass as a baseline.
    validate(step);
    if (step.kind !== "wait" && loadConfig().skipFaults) {
      console.log(`SKIP_FAULTS=1: not injecting ${what} (baseline run)`);
      return;
    }
    if (step.kind !== "wait") console.log(`injecting ${what} through the ${backend.name} fault backend`);
    const affected = await inject(step, heldMs);
    if (affected === undefined) return;
    aiFaultAffected.add(affected, { fault: id });
    aiFaultLanded.add(affected > 0, { fault: id });
    if (affected === 0) console.warn(`${what} landed on nothing (affected 0): the service sent ${step.target} none of the traffic it acts on`);
  } catch (err) {
    const message = `fault injection failed (${what}): ${err instanceof Error ? err.message : String(err)}`;
    console.error(message);
    exec.test.abort(message);
  }
}

/** In setup(): the backend refuses steps it cannot inject and readies their targets (k8s: the disruptor agents), before the timeline starts. */
export async function prepareFaults(tracks: readonly PlannedTrack[]): Promise<void> {
  if (loadConfig().skipFaults) return;
  const steps = tracks.flatMap((track) => track.steps.map(({ step }) => step));
  for (const step of steps) validate(step);
  const injected = steps.filter((step) => step.kind !== "wait");
  // A scenario that injects nothing (invalid-input, saturation) needs no fault controller at all.
  if (injected.length > 0) await backend.prepare(injected);
}

/** Ends every active fault (teardown); a failure is logged, never fatal. */
export async function resetFaults(): Promise<void> {
  if (loadConfig().skipFaults) return;
  try {
    await backend.reset();
  } catch (err) {
    console.warn(`could not reset faults: ${err instanceof Error ? err.message : String(err)}`);
  }
}
