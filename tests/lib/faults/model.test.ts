import assert from "node:assert/strict";
import { test } from "node:test";
import { validateHttpFault, validateNetworkFault, validatePodTermination, validateStreamFault, validateStressFault, validateTarget } from "../../../lib/faults/model.ts";

test("a target is any Kubernetes name, such as a link of `npm run faults -- --link openai=…`; anything else is refused", () => {
  for (const name of ["provider-a", "openai", "ai-service", "p1"]) validateTarget(name);
  for (const name of ["Provider-A", "provider_a", "-a", "a-", "", "x".repeat(64)]) {
    assert.throws(() => validateTarget(name), /fault target must be a Kubernetes name \(lower-case letters, digits and "-", such as "provider-a"\); got /, name);
  }
});

test("HTTP faults keep the disruptor's invariants", () => {
  validateHttpFault({ averageDelay: "200ms", delayVariation: "50ms", errorRate: 0.1, errorCode: 503 });
  assert.throws(() => validateHttpFault({ averageDelay: "50ms", delayVariation: "100ms" }), /delayVariation \(100ms\) must not exceed averageDelay \(50ms\)/);
  assert.throws(() => validateHttpFault({ errorRate: 1.5, errorCode: 503 }), /errorRate must be a number from 0 to 1/);
  assert.throws(() => validateHttpFault({ errorRate: 0.5 }), /errorCode must be an HTTP status/);
  assert.throws(() => validateHttpFault({}), /needs averageDelay or errorRate/);
  assert.throws(() => validateHttpFault({ averageDelay: "soon" }), /averageDelay must be a duration such as "30s"/);
});

test("pod counts are a number of pods or a percentage", () => {
  validatePodTermination({ count: 1 });
  validatePodTermination({ count: "50%", timeout: "10s" });
  assert.throws(() => validatePodTermination({ count: 0 }), /count must be a number of pods >= 1/);
  assert.throws(() => validatePodTermination({ count: "150%" as `${number}%` }), /count must be/);
});

test("each network action takes its own parameters", () => {
  validateNetworkFault({ action: "drop" });
  validateNetworkFault({ action: "latency", latency: "300ms", jitter: "50ms" });
  assert.throws(() => validateNetworkFault({ action: "bandwidth", rate: 0 }), /bandwidth rate must be bytes per second > 0/);
  assert.throws(() => validateNetworkFault({ action: "reset", probability: 2 }), /reset probability must be in \(0, 1\]/);
  assert.throws(() => validateNetworkFault({ action: "flood" } as never), /network action must be one of drop, latency, bandwidth, reset, blackhole/);
});

test("stress needs CPU or memory within range", () => {
  validateStressFault({ cpuLoad: 80, cpus: 1, memory: "256MB" });
  assert.throws(() => validateStressFault({ cpuLoad: 180 }), /cpuLoad must be a percentage from 1 to 100/);
  assert.throws(() => validateStressFault({ memory: "lots" }), /memory must look like "256MB"/);
  assert.throws(() => validateStressFault({}), /needs cpuLoad or memory/);
});

test("each stream action takes its own parameters, and a probability in (0, 1]", () => {
  validateStreamFault({ action: "drip", delay: "50ms", probability: 1 });
  validateStreamFault({ action: "cut", afterChunks: 0, probability: 0.25 });
  validateStreamFault({ action: "stall", stallFor: "1s" });
  assert.throws(() => validateStreamFault({ action: "drip", delay: "slow" }), /delay must be a duration such as "30s"/);
  assert.throws(() => validateStreamFault({ action: "cut", probability: 0 }), /stream fault probability must be in \(0, 1\]; got 0/);
  assert.throws(() => validateStreamFault({ action: "error-event", afterChunks: 1.5 }), /afterChunks must be a whole number of SSE events >= 0; got 1.5/);
  assert.throws(() => validateStreamFault({ action: "explode" } as never), /stream action must be one of cut, stall, malformed, error-event, drip/);
});
