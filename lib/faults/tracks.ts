// What a scenario injects, declared as data: tracks of fault steps. Tracks run in parallel, each
// as its own 1-VU `disrupt` scenario (on Kubernetes a disruptor call blocks its VU, so faults
// held at once need one VU each); the steps of a track run one after another from the fault's
// start, each for its duration (default: what is left of the fault window), and the first track
// then waits for the service to recover. `planTracks` puts every step on the timeline, so the
// plan says what will be injected, where and when, before anything runs. Pure: no k6 imports;
// lib/faults/index.ts runs the steps.
import { durationMs, formatDuration, type Duration } from "../../contracts/duration.ts";
import type { PlannedFault } from "../../contracts/scenario-plan.ts";
import type { Profile } from "../profiles.ts";
import type { FaultStep, HttpFault, NetworkFault, PodTermination, StreamFault, StressFault, Target } from "./model.ts";

export type { FaultStep } from "./model.ts";

/** Steps run one after another by one VU. */
export type Track = readonly FaultStep[];

/** HTTP faults (delay, errors) on requests served by `target`. */
export function httpFault(target: Target, spec: HttpFault, duration?: Duration): FaultStep {
  return { kind: "http", target, spec, duration };
}

/** A network fault on `target`'s link (`drop` everywhere; latency, bandwidth, reset, blackhole locally). */
export function networkFault(target: Target, spec: NetworkFault, duration?: Duration): FaultStep {
  return { kind: "network", target, spec, duration };
}

/** A stream fault on `target`'s streamed answers (local backend: drip, cut, stall, malformed, error-event). */
export function streamFault(target: Target, spec: StreamFault, duration?: Duration): FaultStep {
  return { kind: "stream", target, spec, duration };
}

/** CPU/memory stress on `target` (local backend; on Kubernetes use the Chaos Mesh manifest). */
export function stressFault(target: Target, spec: StressFault, duration?: Duration): FaultStep {
  return { kind: "stress", target, spec, duration };
}

/** Terminates `count` pods (or a percentage) of `target` at once. */
export function podTermination(target: Target, spec: PodTermination): FaultStep {
  return { kind: "pods", target, spec };
}

/** No injection: the track waits while the load on `target` is the fault. */
export function wait(target: Target = "ai-service", duration?: Duration): FaultStep {
  return { kind: "wait", target, duration };
}

/** A step on the timeline: its id, ms from the test's start, and how long it is held (0: instant). */
export interface PlannedStep {
  /** `<track>#<n>` (1-based), e.g. `disrupt#1`: the plan's fault id and the `fault` tag of `ai_fault_landed`. */
  id: string;
  step: FaultStep;
  startMs: number;
  durationMs: number;
}

/** A track as its `disrupt` scenario runs it. */
export interface PlannedTrack {
  /** The k6 scenario: `disrupt` for the first track, `disrupt-2`, `disrupt-3`, … for the others. */
  name: string;
  steps: readonly PlannedStep[];
}

// xk6-disruptor's agent refuses a fault shorter than one second (pkg/agent/protocol/protocol.go,
// pkg/agent/network/disruptor.go: "duration must be at least one second"); the same floor on both
// backends keeps a scenario portable (ms).
const MIN_HELD_MS = 1_000;

/** Every step of every track on the profile's timeline; a track with no step, or a step shorter than 1 s or left no time, is refused. */
export function planTracks(tracks: readonly Track[], profile: Profile): PlannedTrack[] {
  return tracks.map((track, index) => {
    const name = index === 0 ? "disrupt" : `disrupt-${index + 1}`;
    if (track.length === 0) throw new Error(`fault track ${name} has no step: give it at least one, or leave the track out`);
    let usedMs = 0;
    const steps = track.map((step, i): PlannedStep => {
      const what = `${name} step ${i + 1} (${step.kind} on ${step.target})`;
      const ms = step.kind === "pods" ? 0 : step.duration === undefined ? profile.fault - usedMs : durationMs(step.duration, `${what} duration`);
      if (step.kind !== "pods" && !(ms > 0)) {
        throw new Error(`${what} has no time left in the ${formatDuration(profile.fault)} fault window: give the steps before it shorter durations, or this one a duration > 0`);
      }
      if (step.kind !== "pods" && step.kind !== "wait" && ms < MIN_HELD_MS) {
        throw new Error(`${what} lasts ${formatDuration(ms)}, under the 1s a fault must last (xk6-disruptor's agent refuses less): give it 1s or more, or a longer FAULT_DURATION`);
      }
      const planned = { id: `${name}#${i + 1}`, step, startMs: profile.warmUp + usedMs, durationMs: ms };
      usedMs += ms;
      return planned;
    });
    return { name, steps };
  });
}

/** Every step of the tracks, in track order. */
export function allSteps(tracks: readonly PlannedTrack[]): PlannedStep[] {
  return tracks.flatMap((track) => [...track.steps]);
}

/** True when some step injects a fault (a track that only waits needs no fault controller). */
export function injectsFaults(tracks: readonly PlannedTrack[]): boolean {
  return allSteps(tracks).some(({ step }) => step.kind !== "wait");
}

/**
 * The steps whose landing is proven by what they affected: every held fault. Not `wait` (it
 * injects nothing), not `pods` (the controller refuses a kill that finds no pod, 409, so an
 * injected kill has landed).
 */
export function landingSteps(tracks: readonly PlannedTrack[]): PlannedStep[] {
  return allSteps(tracks).filter(({ step }) => step.kind !== "wait" && step.kind !== "pods");
}

/** The plan's view of the steps (contracts/scenario-plan.ts). */
export function plannedFaults(tracks: readonly PlannedTrack[]): PlannedFault[] {
  return tracks.flatMap((track) => track.steps.map(({ id, step, startMs, durationMs }) => ({
    id, track: track.name, target: step.target, kind: step.kind, spec: step.kind === "wait" ? {} : { ...step.spec }, startMs, durationMs,
  })));
}
