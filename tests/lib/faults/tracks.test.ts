import assert from "node:assert/strict";
import { test } from "node:test";
import { httpFault, injectsFaults, landingSteps, networkFault, plannedFaults, planTracks, podTermination, streamFault, stressFault, wait } from "../../../lib/faults/tracks.ts";
import { PROFILES } from "../../../lib/profiles.ts";

// The track mechanics on a fixed timeline (fault from 4 s to 12 s), whatever the smoke profile becomes.
const profile = { ...PROFILES.smoke, warmUp: 4_000, fault: 8_000 };

test("a step lasts the rest of the fault window unless it says otherwise, and the next one starts when it ends", () => {
  const [track] = planTracks([[httpFault("provider-a", { errorRate: 1, errorCode: 503 }, 2_000), networkFault("provider-a", { action: "drop" })]], profile);
  assert.deepEqual(track?.steps.map((s) => [s.step.kind, s.startMs, s.durationMs]), [["http", 4_000, 2_000], ["network", 6_000, 6_000]]);
});

test("tracks run in parallel from the fault's start, as disrupt, disrupt-2, …", () => {
  const tracks = planTracks([[stressFault("ai-service", { cpuLoad: 90 })], [networkFault("provider-a", { action: "bandwidth", rate: 2_048 }, "3s")], [wait()]], profile);
  assert.deepEqual(tracks.map((t) => [t.name, t.steps[0]?.startMs, t.steps[0]?.durationMs]), [["disrupt", 4_000, 8_000], ["disrupt-2", 4_000, 3_000], ["disrupt-3", 4_000, 8_000]]);
});

test("a pod termination is instant: it takes none of the window", () => {
  const [track] = planTracks([[podTermination("ai-service", { count: "50%" }), wait()]], profile);
  assert.deepEqual(track?.steps.map((s) => [s.step.kind, s.startMs, s.durationMs]), [["pods", 4_000, 0], ["wait", 4_000, 8_000]]);
});

test("the plan lists every step with its id (track#n), track, target, spec and time; a wait has no spec", () => {
  const tracks = planTracks([[networkFault("provider-a", { action: "reset", probability: 0.5 }, 4_000), networkFault("provider-a", { action: "drop" })], [wait("ai-service")]], profile);
  assert.deepEqual(plannedFaults(tracks), [
    { id: "disrupt#1", track: "disrupt", target: "provider-a", kind: "network", spec: { action: "reset", probability: 0.5 }, startMs: 4_000, durationMs: 4_000 },
    { id: "disrupt#2", track: "disrupt", target: "provider-a", kind: "network", spec: { action: "drop" }, startMs: 8_000, durationMs: 4_000 },
    { id: "disrupt-2#1", track: "disrupt-2", target: "ai-service", kind: "wait", spec: {}, startMs: 4_000, durationMs: 8_000 },
  ]);
});

test("every held fault proves its landing; a wait and a pod kill (refused by the controller when it finds no pod) do not", () => {
  const tracks = planTracks([[podTermination("ai-service", { count: 1 }), streamFault("provider-a", { action: "drip", delay: "50ms" })], [wait()], [stressFault("ai-service", { cpuLoad: 50 })]], profile);
  assert.deepEqual(landingSteps(tracks).map((s) => [s.id, s.step.kind]), [["disrupt#2", "stream"], ["disrupt-3#1", "stress"]]);
});

test("a fault held less than 1 s is refused, naming the step: xk6-disruptor's agent refuses less, and both backends keep to it", () => {
  assert.throws(() => planTracks([[httpFault("provider-a", { errorRate: 1, errorCode: 503 }, 500)]], profile), /^Error: disrupt step 1 \(http on provider-a\) lasts 500ms, under the 1s a fault must last/);
  assert.throws(() => planTracks([[wait(), networkFault("provider-b", { action: "drop" }, "999ms")]], { ...profile, fault: 9_000 }), /disrupt step 2 \(network on provider-b\) lasts 999ms/);
  assert.throws(() => planTracks([[streamFault("provider-a", { action: "cut" })]], { ...profile, fault: 800 }), /disrupt step 1 \(stream on provider-a\) lasts 800ms/);
  assert.doesNotThrow(() => planTracks([[httpFault("provider-a", { errorRate: 1, errorCode: 503 }, "1s"), wait("ai-service", 200)]], profile));
});

test("only tracks that inject something need the fault controller", () => {
  assert.equal(injectsFaults(planTracks([[wait()]], profile)), false);
  assert.equal(injectsFaults(planTracks([], profile)), false);
  assert.equal(injectsFaults(planTracks([[wait()], [podTermination("ai-service", { count: 1 })]], profile)), true);
});

test("a track with no step, a step left no time, or a bad duration is refused with a sentence", () => {
  assert.throws(() => planTracks([[wait()], []], profile), /fault track disrupt-2 has no step/);
  assert.throws(() => planTracks([[httpFault("provider-a", { errorRate: 1, errorCode: 503 }, "8s"), wait()]], profile), /disrupt step 2 \(wait on ai-service\) has no time left in the 8s fault window/);
  assert.throws(() => planTracks([[wait("ai-service", "soon")]], profile), /disrupt step 1 \(wait on ai-service\) duration must be a duration such as "30s"/);
});
