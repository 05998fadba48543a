import { LOCAL_STACK_CAPACITY } from "../../contracts/local-stack.ts";
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../../lib/config.ts";
import { PROFILES } from "../../lib/profiles.ts";

test("defaults target the local stack", () => {
  const cfg = parseConfig({});
  assert.equal(cfg.baseUrl, "http://127.0.0.1:8080");
  assert.equal(cfg.faultsUrl, "http://127.0.0.1:7070");
  assert.equal(cfg.chatPath, "/v1/chat/completions");
  assert.equal(cfg.healthPath, "/healthz");
  assert.equal(cfg.readyPath, "/readyz");
  assert.equal(cfg.profile, "smoke");
  assert.equal(cfg.skipFaults, false);
  assert.equal(cfg.requestTimeoutMs, 20_000);
  assert.equal(cfg.cloudProjectId, undefined);
  assert.equal(cfg.model, "mock-llm");
  assert.equal(cfg.capacityInflight, LOCAL_STACK_CAPACITY, "the local stack's bound, 2 pods × 32");
});

test("reads every variable and trims a trailing slash from URLs", () => {
  const cfg = parseConfig({
    BASE_URL: "https://gw.example.com/", MODEL: "gpt-x", PROFILE: "load", SKIP_FAULTS: "1", STREAM_RATIO: "0.25",
    REQUEST_TIMEOUT: "45s", K6_CLOUD_PROJECT_ID: "123", SLO_FILE: "/tmp/slo.json", NAMESPACE: "chaos", API_KEY: "k",
  });
  assert.equal(cfg.baseUrl, "https://gw.example.com");
  assert.equal(cfg.model, "gpt-x");
  assert.equal(cfg.profile, "load");
  assert.equal(cfg.skipFaults, true);
  assert.equal(cfg.streamRatio, 0.25);
  assert.equal(cfg.requestTimeoutMs, 45_000);
  assert.equal(cfg.cloudProjectId, 123);
  assert.equal(cfg.sloFile, "/tmp/slo.json");
  assert.equal(cfg.namespace, "chaos");
});

test("a bad value stops with one sentence naming the variable and what it accepts", () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PROFILE: "fast" }, /PROFILE must be one of smoke, load, stress, soak; got "fast"$/],
    [{ BASE_URL: "localhost:8080" }, /BASE_URL must be an http\(s\) URL/],
    [{ FAULTS_URL: "ftp://x" }, /FAULTS_URL must be an http\(s\) URL/],
    [{ CHAT_PATH: "v1/chat" }, /CHAT_PATH must be a path starting with "\/"/],
    [{ SKIP_FAULTS: "yes" }, /SKIP_FAULTS must be 1 or 0/],
    [{ CAPACITY_INFLIGHT: "0" }, /CAPACITY_INFLIGHT must be a positive integer/],
    [{ CAPACITY_INFLIGHT: "64.5" }, /CAPACITY_INFLIGHT must be a positive integer/],
    [{ STREAM_RATIO: "1.5" }, /STREAM_RATIO must be a number from 0 to 1; got "1.5"$/],
    [{ STREAM_RATIO: "-0.1" }, /STREAM_RATIO must be a number from 0 to 1/],
    [{ REQUEST_TIMEOUT: "20" }, /REQUEST_TIMEOUT must be a duration of at least 1s/],
    [{ K6_CLOUD_PROJECT_ID: "abc" }, /K6_CLOUD_PROJECT_ID must be a positive integer/],
    [{ NAMESPACE: "Chaos_NS" }, /NAMESPACE must be a Kubernetes namespace name/],
  ];
  for (const [env, message] of cases) assert.throws(() => parseConfig(env), message, JSON.stringify(env));
});

test("the run's profile is the named one unchanged unless an override is set", () => {
  assert.deepEqual(parseConfig({}).runProfile, PROFILES.smoke);
  assert.deepEqual(parseConfig({ PROFILE: "stress" }).runProfile, PROFILES.stress);
});

test("profile overrides apply on top of PROFILE, derived VUs included", () => {
  const cfg = parseConfig({ PROFILE: "load", RATE: "80", WARM_UP: "1m", FAULT_DURATION: "90s", RECOVERY: "2m" });
  assert.equal(cfg.profile, "load");
  assert.deepEqual(cfg.runProfile, { ...PROFILES.load, rate: 80, preAllocatedVUs: 480, maxVUs: 1_600, warmUp: 60_000, fault: 90_000, recovery: 120_000 });
  assert.equal(PROFILES.load.rate, 50, "the named profile itself is untouched");
});

test("a bad profile override stops parseConfig with its sentence", () => {
  assert.throws(() => parseConfig({ RATE: "ten" }), { message: 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "ten"' });
  assert.throws(() => parseConfig({ PRE_ALLOCATED_VUS: "300", MAX_VUS: "100" }), { message: /^MAX_VUS \(100\) must be at least PRE_ALLOCATED_VUS \(300\)/ });
  assert.throws(() => parseConfig({ PROFILE: "soak", RECOVERY: "10s" }), { message: /^RECOVERY \(10s\) is shorter than the soak profile's settle \(30s\)/ });
});
