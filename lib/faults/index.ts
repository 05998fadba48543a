// Runs the fault steps a scenario declares (tracks.ts), mirroring xk6-disruptor's model on
// whichever backend the bundle was built with (see backend.ts). Specs are validated before
// anything is injected; SKIP_FAULTS=1 makes every injection a no-op (a baseline run); an
// injection that fails aborts the test (exit 108), because a chaos run whose fault never
// happened proves nothing.
import exec from "k6/execution";
import { loadConfig } from "../config.ts";
import { durationMs, type Duration } from "../../contracts/duration.ts";
import { awaitDisruption } from "../probes.ts";
import { pause } from "../test-clock.ts";
import { backend } from "./backend.ts";
import {
  validateHttpFault, validateNetworkFault, validatePodTermination, validateStressFault, validateTarget,
  type HttpFault, type NetworkFault, type PodTermination, type StressFault, type Target,
} from "./model.ts";
import type { PlannedStep } from "./tracks.ts";

// After a pod kill, readiness shows the loss within this (ms), so that the recovery wait that
// follows cannot start before the fault has landed.
const POD_LOSS_SEEN_MS = 2_000;

/** Runs one step: resolves when its fault has ended (a pod kill: once readiness shows it), or its wait is over. */
export async function runStep({ step, durationMs: heldMs }: PlannedStep): Promise<void> {
  switch (step.kind) {
    case "http":
      return injectHttpFault(step.target, step.spec, heldMs);
    case "network":
      return injectNetworkFault(step.target, step.spec, heldMs);
    case "stress":
      return injectStress(step.target, step.spec, heldMs);
    case "pods":
      await terminatePods(step.target, step.spec);
      await awaitDisruption(POD_LOSS_SEEN_MS);
      return;
    case "wait":
      return pause(heldMs);
  }
}

// A bad spec aborts too: it is a defect of the scenario, and it must not pass as a baseline.
async function run(what: string, target: Target, validate: () => void, inject: () => Promise<void>): Promise<void> {
  try {
    validateTarget(target);
    validate();
    if (loadConfig().skipFaults) {
      console.log(`SKIP_FAULTS=1: not injecting ${what} on ${target} (baseline run)`);
      return;
    }
    console.log(`injecting ${what} on ${target} through the ${backend.name} fault backend`);
    await inject();
  } catch (err) {
    const message = `fault injection failed (${what} on ${target}): ${err instanceof Error ? err.message : String(err)}`;
    console.error(message);
    exec.test.abort(message);
  }
}

/** HTTP faults (delay, errors) on requests served by `target`; resolves when `duration` has passed. */
function injectHttpFault(target: Target, fault: HttpFault, duration: Duration): Promise<void> {
  const validate = () => {
    validateHttpFault(fault);
    durationMs(duration, "duration");
  };
  return run("HTTP faults", target, validate, () => backend.injectHttpFault(target, fault, durationMs(duration, "duration")));
}

/** Terminates `count` pods (or a percentage) of `target` now. */
function terminatePods(target: Target, fault: PodTermination): Promise<void> {
  return run("pod termination", target, () => validatePodTermination(fault), () => backend.terminatePods(target, fault));
}

/** A network fault on `target`'s link (`drop` everywhere; latency/bandwidth/reset/blackhole locally). */
function injectNetworkFault(target: Target, fault: NetworkFault, duration: Duration): Promise<void> {
  const validate = () => {
    validateNetworkFault(fault);
    durationMs(duration, "duration");
  };
  return run(`network ${fault.action}`, target, validate, () => backend.injectNetworkFault(target, fault, durationMs(duration, "duration")));
}

/** CPU/memory stress on `target` (local backend; on Kubernetes use the Chaos Mesh manifest). */
function injectStress(target: Target, fault: StressFault, duration: Duration): Promise<void> {
  const validate = () => {
    validateStressFault(fault);
    durationMs(duration, "duration");
  };
  return run("resource stress", target, validate, () => backend.injectStress(target, fault, durationMs(duration, "duration")));
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
