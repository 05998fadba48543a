// Elapsed test time for the `phase` tag, the same in k6 and in the Node runner: from
// `exec.scenario.startTime` (unix ms when the running scenario began) plus that scenario's
// `startTime` offset, which lib/scenario-kit.ts derives from the profile; a setup()-returned
// `t0` is the fallback for engines that leave startTime unset.
import exec from "k6/execution";
import { loadConfig } from "./config.ts";
import type { Phase } from "../contracts/names.ts";
import { faultWindow, phaseAt } from "./phases.ts";
import type { Profile } from "./profiles.ts";
import { seedFrom } from "./prompts.ts";

/** What setup() returns: the wall-clock start of the test, unix ms. */
export interface SetupData {
  t0: number;
}

// Offsets of scenarios that start late for another reason than a fault (e.g. a surge), by name.
const offsets = new Map<string, number>();

/** Records that scenario `name` starts `ms` after the test (scenario-kit does, for `more` scenarios). */
export function registerScenarioOffset(name: string, ms: number): void {
  offsets.set(name, ms);
}

/** The `startTime` offset of a scenario built by scenario-kit, ms: `disrupt*` start at the fault. */
export function scenarioOffset(name: string, profile: Profile): number {
  return offsets.get(name) ?? (name.startsWith("disrupt") ? profile.warmUp : 0);
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
    return Date.now() - scenario.startTime + scenarioOffset(scenario.name, profile);
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
