import assert from "node:assert/strict";
import { test } from "node:test";
import { controllerHeaders, faultRecord, httpFaultBody, networkFaultBody, podFaultBody, streamFaultBody, stressFaultBody, targetNames, linkTraffic } from "../../../lib/faults/local-requests.ts";

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

test("stream bodies carry their action's parameters, and leave the controller's defaults to it", () => {
  assert.deepEqual(streamFaultBody("provider-a", { action: "drip", delay: 50 }, 8_000), { kind: "stream", target: "provider-a", duration: "8s", action: "drip", delay: "50ms" });
  assert.deepEqual(streamFaultBody("openai", { action: "cut", afterChunks: 2, probability: 0.25 }, 8_000), { kind: "stream", target: "openai", duration: "8s", action: "cut", probability: 0.25, afterChunks: 2 });
  assert.deepEqual(streamFaultBody("provider-a", { action: "stall", stallFor: "1s", afterChunks: 3 }, 2_000), { kind: "stream", target: "provider-a", duration: "2s", action: "stall", afterChunks: 3, stallFor: "1s" });
});

test("a fault record gives its id and what it affected; an answer that is not one says what it lacks", () => {
  assert.deepEqual(faultRecord('{"id":"stream-3","kind":"stream","state":"ended","affected":41,"endReason":"expired"}'), { id: "stream-3", affected: 41 });
  assert.deepEqual(faultRecord('{"id":"http-1","state":"active","affected":0}'), { id: "http-1", affected: 0 });
  for (const text of ['{"id":"http-1"}', '{"affected":3}', "not json", null, '{"id":"x","affected":-1}']) {
    assert.throws(() => faultRecord(text), /the fault controller answered no fault record with an id and an affected count/, String(text));
  }
});

test("the controller's target list gives the names a run's faults may use; an answer that is not one says so", () => {
  assert.deepEqual(targetNames('{"targets":[{"name":"provider-a","kinds":["http"]},{"name":"openai","kinds":["network"]}]}'), ["provider-a", "openai"]);
  for (const text of ['{"targets":[{"kinds":[]}]}', "{}", "nope", null]) assert.throws(() => targetNames(text), /answered GET \/targets with no target list/, String(text));
});

test("the links' upstream traffic is read from GET /targets by name; a target with no link has none, and a link without counts is refused", () => {
  const text = JSON.stringify({ targets: [
    { name: "provider-a", kinds: ["http"], link: "127.0.0.1:9101", traffic: { attempts: 1610, requests: 1532, open: 3 } },
    { name: "provider-b", kinds: ["http"], link: "127.0.0.1:9102", traffic: { attempts: 7, requests: 7, open: 0 } },
    { name: "ai-service", kinds: ["pod"] },
  ] });
  assert.deepEqual(linkTraffic(text), { "provider-a": { attempts: 1610, requests: 1532, open: 3 }, "provider-b": { attempts: 7, requests: 7, open: 0 } });
  assert.throws(() => linkTraffic('{"targets":[{"name":"provider-a","traffic":{"requests":"many"}}]}'), /target "provider-a" has no traffic counts \{"attempts":A,"requests":N,"open":M\}/);
  assert.throws(() => linkTraffic("nope"), /answered GET \/targets with no target list/);
});
