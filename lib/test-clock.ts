// The test's clock, the same in k6 and in the Node runner. Elapsed test time for the `phase` tag:
// `exec.scenario.startTime` (unix ms when the running scenario began) plus that scenario's
// `startTime` offset (lib/profiles.ts scenarioStartMs, the rule the options follow too); a
// setup()-returned `t0` is the fallback for engines that leave startTime unset. And pauses:
// `await pause(ms)` on k6/timers instead of `sleep()`, which blocks the VU and which the Node
// runner rejects.
import exec from "k6/execution";
import { setTimeout } from "k6/timers";
import { loadConfig } from "./config.ts";
import type { Phase } from "../contracts/names.ts";
import { faultWindow, phaseAt, scenarioStartMs } from "./profiles.ts";
import { seedFrom } from "./prompts.ts";

/** What setup() returns: the wall-clock start of the test, unix ms. */
export interface SetupData {
  t0: number;
}

/** Milliseconds since the `load` scenario started. */
export function elapsedMs(data?: Partial<SetupData>): number {
  const profile = loadConfig().runProfile;
  let scenario: { name: string; startTime: number } | undefined;
  try {
    scenario = { name: exec.scenario.name, startTime: exec.scenario.startTime };
  } catch {
    scenario = undefined; // setup and teardown have no scenario: its getters throw there
  }
  if (scenario && Number.isFinite(scenario.startTime) && scenario.startTime > 0) {
    return Date.now() - scenario.startTime + scenarioStartMs(scenario.name, profile);
  }
  return data?.t0 ? Date.now() - data.t0 : 0;
}

/** The phase of a request sent now. */
export function phaseNow(data?: Partial<SetupData>): Phase {
  return phaseAt(elapsedMs(data), faultWindow(loadConfig().runProfile));
}

/** A seed unique to this VU and iteration (0 outside iterations), for prompts and the stream mix. */
export function iterationSeed(): number {
  try {
    return seedFrom(exec.vu.idInTest, exec.vu.iterationInScenario);
  } catch {
    return seedFrom(0, 0);
  }
}

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });
}
