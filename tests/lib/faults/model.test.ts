import assert from "node:assert/strict";
import { test } from "node:test";
import { validateHttpFault, validateNetworkFault, validatePodTermination, validateStressFault, validateTarget } from "../../../lib/faults/model.ts";

test("only the three known targets are accepted", () => {
  validateTarget("provider-a");
  assert.throws(() => validateTarget("provider-c"), /fault target must be one of ai-service, provider-a, provider-b; got "provider-c"/);
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
