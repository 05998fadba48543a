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
import type { HttpFault, NetworkFault, PodTermination, StressFault, Target } from "./model.ts";

/** One step of a track. `duration` (ms or a Go string) defaults to the rest of the fault window. */
export type FaultStep =
  | { kind: "http"; target: Target; spec: HttpFault; duration?: Duration }
  | { kind: "network"; target: Target; spec: NetworkFault; duration?: Duration }
  | { kind: "stress"; target: Target; spec: StressFault; duration?: Duration }
  /** Instant: the pods are killed, then the step waits (at most 2 s) until readiness shows the loss. */
  | { kind: "pods"; target: Target; spec: PodTermination }
  /** Injects nothing: the load is the fault (a surge), the track only waits it out. */
  | { kind: "wait"; target: Target; duration?: Duration };

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

/** A step on the timeline: ms from the test's start, and how long it is held (0: instant). */
export interface PlannedStep {
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

/** Every step of every track on the profile's timeline; a track with no step or no time left is refused. */
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
      const planned = { step, startMs: profile.warmUp + usedMs, durationMs: ms };
      usedMs += ms;
      return planned;
    });
    return { name, steps };
  });
}

/** True when some step injects a fault (a track that only waits needs no fault controller). */
export function injectsFaults(tracks: readonly PlannedTrack[]): boolean {
  return tracks.some((track) => track.steps.some(({ step }) => step.kind !== "wait"));
}

/** The plan's view of the steps (contracts/scenario-plan.ts). */
export function plannedFaults(tracks: readonly PlannedTrack[]): PlannedFault[] {
  return tracks.flatMap((track) => track.steps.map(({ step, startMs, durationMs }) => ({
    track: track.name, target: step.target, kind: step.kind, spec: step.kind === "wait" ? {} : { ...step.spec }, startMs, durationMs,
  })));
}
