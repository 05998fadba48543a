// Every validation error of POST /faults, table-driven: status, code, the field named, and a
// message naming what is accepted. Nothing is applied by a refused body.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { api, startRig, type Rig } from "./harness.ts";

let rig: Rig;
before(async () => (rig = await startRig(2)));
after(() => rig.close());

const http = { kind: "http", target: "provider-a", duration: "1s", errorRate: 0.5, errorCode: 503 };
const net = { kind: "network", target: "provider-b", duration: "1s", action: "latency", latency: "10ms" };
const stream = { kind: "stream", target: "provider-a", duration: "1s" };

const cases: { name: string; body: unknown; status: number; code: string; field?: string; message: RegExp }[] = [
  { name: "errorRate not a number", body: { ...http, errorRate: "x" }, status: 400, code: "invalid_field", field: "errorRate", message: /^field 'errorRate' must be a number between 0 and 1, got "x"$/ },
  { name: "errorRate above 1", body: { ...http, errorRate: 1.5 }, status: 400, code: "invalid_field", field: "errorRate", message: /between 0 and 1, got 1\.5/ },
  { name: "errorCode missing with errorRate", body: { kind: "http", target: "provider-a", duration: "1s", errorRate: 0.5 }, status: 400, code: "missing_field", field: "errorCode", message: /errorCode.*400 and 599/ },
  { name: "errorCode out of range", body: { ...http, errorCode: 200 }, status: 400, code: "invalid_field", field: "errorCode", message: /HTTP error status.*got 200/ },
  { name: "http fault that does nothing", body: { kind: "http", target: "provider-a", duration: "1s" }, status: 400, code: "invalid_field", field: "averageDelay", message: /does nothing/ },
  { name: "delayVariation above averageDelay", body: { ...http, averageDelay: "10ms", delayVariation: "20ms" }, status: 400, code: "invalid_field", field: "delayVariation", message: /at most 10ms/ },
  { name: "averageDelay as a number", body: { ...http, averageDelay: 200 }, status: 400, code: "invalid_field", field: "averageDelay", message: /Go-style duration.*got 200/ },
  { name: "exclude not a path", body: { ...http, exclude: "healthz" }, status: 400, code: "invalid_field", field: "exclude", message: /starting with "\/"/ },
  { name: "duration missing", body: { kind: "http", target: "provider-a", errorRate: 1, errorCode: 503 }, status: 400, code: "missing_field", field: "duration", message: /'duration' is required/ },
  { name: "duration without unit", body: { ...http, duration: "30" }, status: 400, code: "invalid_field", field: "duration", message: /Go-style duration.*got "30"/ },
  { name: "duration above the lease cap", body: { ...http, duration: "61m" }, status: 400, code: "invalid_field", field: "duration", message: /at most 1h/ },
  { name: "unknown field", body: { ...http, errorCde: 500 }, status: 400, code: "unknown_field", field: "errorCde", message: /unknown field 'errorCde' for a http fault; accepted fields: kind, target, duration, averageDelay/ },
  { name: "kind missing", body: { target: "provider-a" }, status: 400, code: "missing_field", field: "kind", message: /one of http, network, pod, stress/ },
  { name: "kind unknown", body: { ...http, kind: "latency" }, status: 400, code: "invalid_field", field: "kind", message: /one of http, network, pod, stress, stream, got "latency"/ },
  { name: "target missing", body: { kind: "http", duration: "1s" }, status: 400, code: "missing_field", field: "target", message: /provider-a, provider-b, ai-service/ },
  { name: "target unknown", body: { ...http, target: "provider-z" }, status: 404, code: "target_not_found", field: "target", message: /unknown target 'provider-z'; targets: provider-a/ },
  { name: "kind not taken by target", body: { ...http, target: "ai-service" }, status: 400, code: "unsupported_kind", field: "kind", message: /does not take http faults; accepted kinds: pod, stress/ },
  { name: "network action unknown", body: { ...net, action: "slow" }, status: 400, code: "invalid_field", field: "action", message: /one of drop, latency, bandwidth, reset, blackhole/ },
  { name: "network field of another action", body: { ...net, action: "drop" }, status: 400, code: "unknown_field", field: "latency", message: /for a network drop fault/ },
  { name: "latency missing", body: { kind: "network", target: "provider-b", duration: "1s", action: "latency" }, status: 400, code: "missing_field", field: "latency", message: /required/ },
  { name: "bandwidth rate not positive", body: { kind: "network", target: "provider-b", duration: "1s", action: "bandwidth", rate: 0 }, status: 400, code: "invalid_field", field: "rate", message: /bytes per second/ },
  { name: "reset probability above 1", body: { kind: "network", target: "provider-b", duration: "1s", action: "reset", probability: 2 }, status: 400, code: "invalid_field", field: "probability", message: /between 0 and 1/ },
  { name: "reset afterBytes negative", body: { kind: "network", target: "provider-b", duration: "1s", action: "reset", afterBytes: -1 }, status: 400, code: "invalid_field", field: "afterBytes", message: /byte count/ },
  { name: "stream action missing", body: stream, status: 400, code: "missing_field", field: "action", message: /one of cut, stall, malformed, error-event, drip/ },
  { name: "stream action unknown", body: { ...stream, action: "explode" }, status: 400, code: "invalid_field", field: "action", message: /one of cut, stall, malformed, error-event, drip, got "explode"/ },
  { name: "stream field of another action", body: { ...stream, action: "cut", stallFor: "1s" }, status: 400, code: "unknown_field", field: "stallFor", message: /for a stream cut fault; accepted fields: kind, target, duration, action, probability, afterChunks$/ },
  { name: "stall without stallFor", body: { ...stream, action: "stall" }, status: 400, code: "missing_field", field: "stallFor", message: /Go-style duration/ },
  { name: "drip without delay", body: { ...stream, action: "drip" }, status: 400, code: "missing_field", field: "delay", message: /Go-style duration/ },
  { name: "drip delay of zero", body: { ...stream, action: "drip", delay: "0s" }, status: 400, code: "invalid_field", field: "delay", message: /at least 1ms/ },
  { name: "afterChunks negative", body: { ...stream, action: "cut", afterChunks: -1 }, status: 400, code: "invalid_field", field: "afterChunks", message: /number of SSE events, an integer between 0 and 1000000, got -1/ },
  { name: "stream probability above 1", body: { ...stream, action: "error-event", probability: 1.5 }, status: 400, code: "invalid_field", field: "probability", message: /between 0 and 1/ },
  { name: "stream fault on ai-service", body: { ...stream, target: "ai-service", action: "cut" }, status: 400, code: "unsupported_kind", field: "kind", message: /does not take stream faults; accepted kinds: pod, stress/ },
  { name: "pod count missing", body: { kind: "pod", target: "ai-service" }, status: 400, code: "missing_field", field: "count", message: /"50%"/ },
  { name: "pod count without %", body: { kind: "pod", target: "ai-service", count: "100" }, status: 400, code: "invalid_field", field: "count", message: /percentage string.*got "100"/ },
  { name: "pod count zero", body: { kind: "pod", target: "ai-service", count: 0 }, status: 400, code: "invalid_field", field: "count", message: /integer >= 1/ },
  { name: "pod with a duration", body: { kind: "pod", target: "ai-service", count: 1, duration: "1s" }, status: 400, code: "unknown_field", field: "duration", message: /accepted fields: kind, target, count, timeout/ },
  { name: "stress cpuLoad above 100", body: { kind: "stress", target: "ai-service", duration: "1s", cpuLoad: 150 }, status: 400, code: "invalid_field", field: "cpuLoad", message: /between 1 and 100/ },
  { name: "stress cpus above this machine", body: { kind: "stress", target: "ai-service", duration: "1s", cpuLoad: 10, cpus: 4096 }, status: 400, code: "invalid_field", field: "cpus", message: /machine's count caps it/ },
  { name: "stress memory above half", body: { kind: "stress", target: "ai-service", duration: "1s", memory: "100TB" }, status: 400, code: "invalid_field", field: "memory", message: /half of this machine's memory/ },
  { name: "stress memory without unit", body: { kind: "stress", target: "ai-service", duration: "1s", memory: "256" }, status: 400, code: "invalid_field", field: "memory", message: /"256MB"/ },
  { name: "stress that does nothing", body: { kind: "stress", target: "ai-service", duration: "1s" }, status: 400, code: "missing_field", field: "cpuLoad", message: /needs one of them/ },
  { name: "body not an object", body: "[1,2]", status: 400, code: "invalid_body", message: /must be a JSON object.*got \[1,2\]/ },
  { name: "malformed JSON", body: "{\"kind\":", status: 400, code: "invalid_json", message: /not valid JSON/ },
  { name: "empty body", body: "", status: 400, code: "invalid_json", message: /body is empty/ },
  { name: "body too large", body: JSON.stringify({ ...http, errorBody: "x".repeat(70_000) }), status: 413, code: "body_too_large", message: /larger than 65536 bytes/ },
];

for (const c of cases) {
  test(`POST /faults refuses ${c.name} with ${c.status} ${c.code}`, async () => {
    const res = await api(rig.fc, "POST", "/faults", c.body);
    assert.equal(res.status, c.status, JSON.stringify(res.json));
    assert.equal(res.json.error.code, c.code);
    assert.equal(res.json.error.field, c.field);
    assert.match(res.json.error.message, c.message);
  });
}

test("a refused body applies nothing", async () => {
  const listed = await api(rig.fc, "GET", "/faults");
  assert.deepEqual(listed.json.faults, []);
  assert.deepEqual(rig.pods.terminated, []);
});
