import assert from "node:assert/strict";
import { test } from "node:test";
import { httpFaultCall, networkFaultCall, podFaultCall } from "../../../lib/faults/k8s-calls.ts";

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

test("a drop shorter than the agent's 1 s minimum is refused", () => {
  assert.throws(() => networkFaultCall("default", "provider-a", { action: "drop" }, 500), /at least 1s/);
});
