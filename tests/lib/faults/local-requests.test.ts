import assert from "node:assert/strict";
import { test } from "node:test";
import { controllerHeaders, httpFaultBody, networkFaultBody, podFaultBody, stressFaultBody } from "../../../lib/faults/local-requests.ts";

test("an HTTP fault is the controller's flat body with Go durations", () => {
  const body = httpFaultBody("provider-a", { averageDelay: 200, delayVariation: "50ms", errorRate: 0.1, errorCode: 503, errorBody: "{}", exclude: ["/healthz", "/readyz"] }, 30_000);
  assert.deepEqual(body, {
    kind: "http", target: "provider-a", duration: "30s", averageDelay: "200ms", delayVariation: "50ms",
    errorRate: 0.1, errorCode: 503, errorBody: "{}", exclude: "/healthz,/readyz",
  });
});

test("fields not set are left out, not sent empty", () => {
  assert.deepEqual(httpFaultBody("provider-b", { errorRate: 1, errorCode: 502 }, 10_000), { kind: "http", target: "provider-b", duration: "10s", errorRate: 1, errorCode: 502 });
});

test("network bodies carry only their action's parameters", () => {
  assert.deepEqual(networkFaultBody("provider-b", { action: "drop", port: 80 }, 20_000), { kind: "network", target: "provider-b", duration: "20s", action: "drop" });
  assert.deepEqual(networkFaultBody("provider-a", { action: "latency", latency: "300ms", jitter: 100 }, 5_000), { kind: "network", target: "provider-a", duration: "5s", action: "latency", latency: "300ms", jitter: "100ms" });
  assert.deepEqual(networkFaultBody("provider-a", { action: "bandwidth", rate: 1024 }, 5_000).rate, 1024);
  assert.deepEqual(networkFaultBody("provider-a", { action: "reset", probability: 0.5, afterBytes: 100 }, 5_000), { kind: "network", target: "provider-a", duration: "5s", action: "reset", probability: 0.5, afterBytes: 100 });
  assert.deepEqual(networkFaultBody("provider-a", { action: "blackhole" }, 1_500), { kind: "network", target: "provider-a", duration: "1.5s", action: "blackhole" });
});

test("pod and stress bodies match the controller's contract", () => {
  assert.deepEqual(podFaultBody("ai-service", { count: "50%", timeout: "10s" }), { kind: "pod", target: "ai-service", count: "50%", timeout: "10s" });
  assert.deepEqual(podFaultBody("ai-service", { count: 1 }), { kind: "pod", target: "ai-service", count: 1 });
  assert.deepEqual(stressFaultBody("ai-service", { cpuLoad: 80, cpus: 1, memory: "256MB" }, 30_000), { kind: "stress", target: "ai-service", duration: "30s", cpuLoad: 80, cpus: 1, memory: "256MB" });
});

test("calls to the controller carry FAULTS_TOKEN as a bearer token when it is set, and no Authorization otherwise", () => {
  assert.deepEqual(controllerHeaders("0123456789abcdef0123"), { "Content-Type": "application/json", Authorization: "Bearer 0123456789abcdef0123" });
  assert.deepEqual(controllerHeaders(undefined), { "Content-Type": "application/json" });
  assert.deepEqual(controllerHeaders(""), { "Content-Type": "application/json" });
});
