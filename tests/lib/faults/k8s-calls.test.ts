import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSupported, httpFaultCall, networkFaultCall, podFaultCall, warmUpCall } from "../../../lib/faults/k8s-calls.ts";

test("HTTP faults go to the target's ServiceDisruptor with Go duration strings", () => {
  const call = httpFaultCall("chaos", "provider-a", { averageDelay: 200, errorRate: 0.1, errorCode: 503, exclude: ["/healthz"], port: 8080 }, 30_000);
  assert.deepEqual(call, {
    disruptor: { type: "service", service: "provider-a", namespace: "chaos" },
    method: "injectHTTPFaults",
    args: [{ port: 8080, averageDelay: "200ms", errorRate: 0.1, errorCode: 503, exclude: "/healthz" }, "30s"],
  });
});

test("pod termination goes to the ServiceDisruptor with count and timeout", () => {
  assert.deepEqual(podFaultCall("default", "ai-service", { count: "50%", timeout: 10_000 }), {
    disruptor: { type: "service", service: "ai-service", namespace: "default" },
    method: "terminatePods",
    args: [{ count: "50%", timeout: "10s" }],
  });
});

test("a network drop goes to a PodDisruptor selecting app=<target>", () => {
  assert.deepEqual(networkFaultCall("chaos", "provider-b", { action: "drop", port: 80, protocol: "tcp" }, 20_000), {
    disruptor: { type: "pod", selector: { namespace: "chaos", select: { labels: { app: "provider-b" } } } },
    method: "injectNetworkFaults",
    args: [{ port: 80, protocol: "tcp" }, "20s"],
  });
});

test("network actions the disruptor lacks say where to go instead", () => {
  for (const fault of [{ action: "latency", latency: "1s" }, { action: "bandwidth", rate: 10 }, { action: "reset", probability: 1 }, { action: "blackhole" }] as const) {
    assert.throws(() => networkFaultCall("default", "provider-a", fault, 10_000), /is not supported on the k8s backend: use the Chaos Mesh manifest in deploy\/k8s/);
  }
});

test("kinds the disruptor lacks (stress, stream faults, network actions but drop) are refused before anything runs; the rest pass", () => {
  assert.throws(() => checkSupported({ kind: "stream", target: "provider-a", spec: { action: "drip", delay: "50ms" } }), /^Error: stream drip is not supported on the k8s backend/);
  assert.throws(() => checkSupported({ kind: "stress", target: "ai-service", spec: { cpuLoad: 90 } }), /^Error: resource stress is not supported on the k8s backend/);
  assert.throws(() => checkSupported({ kind: "network", target: "provider-a", spec: { action: "blackhole" } }), /network action "blackhole" is not supported/);
  for (const step of [{ kind: "http", target: "provider-a", spec: { errorRate: 1, errorCode: 503 } }, { kind: "network", target: "provider-a", spec: { action: "drop" } }, { kind: "pods", target: "ai-service", spec: { count: 1 } }] as const) {
    assert.doesNotThrow(() => checkSupported(step));
  }
});

test("the agent warm-up is a 1 s HTTP fault with no delay and no error on the target's ServiceDisruptor", () => {
  assert.deepEqual(warmUpCall("chaos", "openai"), { disruptor: { type: "service", service: "openai", namespace: "chaos" }, method: "injectHTTPFaults", args: [{}, "1s"] });
});
