// Retry amplification's arithmetic: client requests per phase from the plan (the open model's
// arrivals, as k6 schedules them), the ratio, and when the sampler reads the link counters.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { PlannedExecutor } from "../../contracts/scenario-plan.ts";
import { amplification, arrivalsIn, clientRequests, countedLinks, phaseWindows, plannedRequests, samplingPlan } from "../../lib/amplification.ts";

// The smoke timeline: during = [5 s, 17 s), end 22 s.
const windows = phaseWindows({ faultStartMs: 6_000, faultEndMs: 14_000, endMs: 22_000, during: { startMs: 5_000, endMs: 17_000 } });
const load: PlannedExecutor = { name: "load", executor: "constant-arrival-rate", exec: "load", startMs: 0, durationMs: 22_000, rate: 120 };

test("the phase windows split the test at the during window's edges", () => {
  assert.deepEqual(windows, { before: { startMs: 0, endMs: 5_000 }, during: { startMs: 5_000, endMs: 17_000 }, after: { startMs: 17_000, endMs: 22_000 } });
});

test("a constant arrival rate starts rate × overlap iterations in a window (k6 lib/executor/constant_arrival_rate.go: one every timeUnit/rate)", () => {
  assert.equal(arrivalsIn(load, 0, 5_000), 600);
  assert.equal(arrivalsIn(load, 5_000, 17_000), 1_440);
  assert.equal(arrivalsIn({ ...load, startMs: 6_000, durationMs: 8_000 }, 0, 5_000), 0, "not started yet");
  assert.equal(arrivalsIn({ ...load, startMs: 6_000, durationMs: 8_000 }, 5_000, 17_000), 960, "only while it runs");
});

test("a ramping arrival rate starts the area under its linear stages (k6 lib/executor/ramping_arrival_rate.go cal)", () => {
  const surge: PlannedExecutor = {
    name: "surge", executor: "ramping-arrival-rate", exec: "surge", startMs: 6_000, durationMs: 8_000, rate: 0,
    stages: [{ durationMs: 1_600, rate: 20 }, { durationMs: 6_400, rate: 20 }],
  };
  // 0 → 20/s over 1.6 s is 16 arrivals, then 20/s × 6.4 s is 128.
  assert.equal(arrivalsIn(surge, 5_000, 17_000), 144);
  // Half the ramp: 0 → 10/s over 0.8 s is 4.
  assert.equal(arrivalsIn(surge, 0, 6_800), 4);
  assert.equal(arrivalsIn(surge, 14_000, 22_000), 0, "ended");
  // A ramp down from a start rate, split at its middle: 10 → 0/s over 2 s is 10, 7.5 in the first half.
  const down: PlannedExecutor = { ...surge, startMs: 0, rate: 10, stages: [{ durationMs: 2_000, rate: 0 }] };
  assert.equal(arrivalsIn(down, 0, 1_000), 7.5);
  assert.equal(arrivalsIn(down, 1_000, 2_000), 2.5);
});

test("an executor whose arrivals are not known in advance is refused, naming it and what is accepted", () => {
  const vus: PlannedExecutor = { name: "chatty", executor: "constant-vus", exec: "load", startMs: 0, durationMs: 22_000, vus: 10 };
  assert.throws(() => plannedRequests([vus], windows), /scenario "chatty" \(constant-vus\) has no arrivals known in advance.*constant- or ramping-arrival-rate/);
});

test("client requests per phase: every workload executor's arrivals × its requests per iteration; probes, disrupt tracks and the sampler are not client requests", () => {
  const probe: PlannedExecutor = { ...load, name: "probe", exec: "probe", rate: 10 };
  const disrupt: PlannedExecutor = { name: "disrupt", executor: "shared-iterations", exec: "disrupt", startMs: 6_000, durationMs: 26_000, vus: 1 };
  const sampler: PlannedExecutor = { ...disrupt, name: "sampler", startMs: 0 };
  const surge: PlannedExecutor = { name: "surge", executor: "constant-arrival-rate", exec: "surge", startMs: 6_000, durationMs: 8_000, rate: 10, requestsPerIteration: 8 };
  assert.deepEqual(plannedRequests([load, probe, disrupt, sampler, surge], windows), { before: 600, during: 1_440 + 80 * 8, after: 600 });
});

test("client requests over any span the sampler's reads actually cover: a read 100 ms late moves 12 requests into the phase before", () => {
  const probe: PlannedExecutor = { ...load, name: "probe", exec: "probe", rate: 10 };
  assert.equal(clientRequests([load, probe], 0, 5_100), 612);
  assert.equal(clientRequests([load, probe], 5_100, 17_000), 1_428);
});

test("amplification is attempts ÷ requests, and nothing when no request was planned", () => {
  assert.equal(amplification(1_512, 1_440), 1.05);
  assert.equal(amplification(0, 600), 0);
  assert.equal(amplification(5, 0), undefined);
});

test("the sampler reads at the four phase boundaries and every interval between, a boundary never doubled by a tick", () => {
  const points = samplingPlan(windows, 250);
  assert.deepEqual(points.filter((p) => p.boundary), [
    { atMs: 0, boundary: true },
    { atMs: 5_000, closes: "before", boundary: true },
    { atMs: 17_000, closes: "during", boundary: true },
    { atMs: 22_000, closes: "after", boundary: true },
  ]);
  assert.equal(points.length, 22_000 / 250 + 1);
  assert.deepEqual(points.slice(0, 3).map((p) => p.atMs), [0, 250, 500]);
  assert.ok(points.every((p, i) => i === 0 || p.atMs > points[i - 1]!.atMs), "in time order, each time once");
  assert.throws(() => samplingPlan(windows, 0), /sampling interval must be a number of ms > 0; got 0/);
});

test("amplification counts the provider links the controller has; none is an error naming what it has, a missing one is named", () => {
  assert.deepEqual(countedLinks(["provider-a", "provider-b"], ["provider-a", "provider-b"]), { counted: ["provider-a", "provider-b"], missing: [] });
  assert.deepEqual(countedLinks(["provider-a", "provider-b"], ["provider-a"]), { counted: ["provider-a"], missing: ["provider-b"] });
  assert.throws(() => countedLinks(["provider-a", "provider-b"], ["openai"]), /no link for provider-a or provider-b \(it has openai\)/);
});
