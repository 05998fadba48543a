import { LOCAL_STACK_CAPACITY } from "../../contracts/local-stack.ts";
import assert from "node:assert/strict";
import { test } from "node:test";
import { serviceHeaders } from "../../lib/ai-service/headers.ts";
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
  assert.deepEqual([cfg.primaryTarget, cfg.secondaryTarget], ["provider-a", "provider-b"], "the reference stack's provider links");
  assert.deepEqual([cfg.apiKeyHeader, cfg.headers], ["Authorization", {}]);
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

test("profile overrides apply on top of PROFILE, VU numbers as given", () => {
  const cfg = parseConfig({ PROFILE: "load", RATE: "80", MAX_VUS: "900", WARM_UP: "1m", FAULT_DURATION: "90s", RECOVERY: "2m" });
  assert.equal(cfg.profile, "load");
  assert.deepEqual(cfg.runProfile, { ...PROFILES.load, rate: 80, maxVUs: 900, warmUp: 60_000, fault: 90_000, recovery: 120_000 });
  assert.equal(PROFILES.load.rate, 50, "the named profile itself is untouched");
});

test("a bad profile override stops parseConfig with its sentence", () => {
  assert.throws(() => parseConfig({ RATE: "ten" }), { message: 'RATE must be a whole number of iterations per second, at least 1 (k6 arrival rates are integers); got "ten"' });
  assert.throws(() => parseConfig({ PRE_ALLOCATED_VUS: "300", MAX_VUS: "100" }), { message: /^MAX_VUS \(100\) must be at least PRE_ALLOCATED_VUS \(300\)/ });
  assert.throws(() => parseConfig({ PROFILE: "soak", RECOVERY: "10s" }), { message: /^RECOVERY \(10s\) is shorter than the soak profile's settle \(30s\)/ });
});

test("HEADERS go on every service request beside the API key, which is `Bearer <key>` in Authorization and as is in any other API_KEY_HEADER", () => {
  const bearer = parseConfig({ API_KEY: "sk-1", HEADERS: '{"x-tenant":"team-a","OpenAI-Organization":"org-9"}' });
  assert.deepEqual(serviceHeaders(bearer), { "x-tenant": "team-a", "OpenAI-Organization": "org-9", Authorization: "Bearer sk-1" });
  const azure = parseConfig({ API_KEY: "az-key", API_KEY_HEADER: "api-key" });
  assert.deepEqual(serviceHeaders(azure), { "api-key": "az-key" });
  assert.deepEqual(serviceHeaders(parseConfig({ API_KEY_HEADER: "api-key" })), {}, "no key, no key header");
  assert.deepEqual(serviceHeaders(parseConfig({ API_KEY: "k", API_KEY_HEADER: "authorization" })), { authorization: "Bearer k" }, "Authorization in any case is a bearer token");
});

test("a bad HEADERS says what is wrong, and which header, without ever echoing a value", () => {
  const secret = "s3cr3t-value-0123";
  const cases: Array<[string, RegExp]> = [
    [`{"x-tenant":"${secret}"`, /^HEADERS must be a JSON object of header names to string values, such as \{"x-tenant":"…"\}; it is not JSON/],
    [`["${secret}"]`, /^HEADERS must be a JSON object .*; it is JSON but not an object$/],
    [`{"x tenant":"${secret}"}`, /^every HEADERS key must be a header name \(letters, digits and .*\); got "x tenant"$/],
    [`{"x-tenant":42}`, /^HEADERS value of "x-tenant" must be a string without line breaks \(the value is not shown\)$/],
    [`{"x-tenant":"${secret}\\r\\nX-Evil: 1"}`, /^HEADERS value of "x-tenant" must be a string without line breaks/],
    [`{"x-a":"${secret}","X-A":"${secret}"}`, /^HEADERS names "X-A" twice \(header names ignore case\): keep one$/],
    [`{"Content-Type":"${secret}"}`, /^HEADERS may not set "Content-Type": the suite sets it on each request$/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseConfig({ HEADERS: text }), (err: Error) => message.test(err.message) && !err.message.includes(secret), text);
  }
  assert.throws(() => parseConfig({ API_KEY: secret, HEADERS: `{"authorization":"${secret}"}` }), (err: Error) => /^HEADERS sets "authorization", the header API_KEY is sent in \(API_KEY_HEADER\)/.test(err.message) && !err.message.includes(secret));
  assert.doesNotThrow(() => parseConfig({ HEADERS: `{"Authorization":"Bearer ${secret}"}` }), "without API_KEY, HEADERS may carry the credentials itself");
  assert.throws(() => parseConfig({ API_KEY_HEADER: "api key" }), /API_KEY_HEADER must be a header name .*; got "api key"$/);
});

test("HEALTH_PATH may be any path, / included; READY_PATH=none turns the readiness probe off", () => {
  assert.equal(parseConfig({ HEALTH_PATH: "/" }).healthPath, "/");
  assert.equal(parseConfig({ HEALTH_PATH: "/v1/models" }).healthPath, "/v1/models");
  assert.equal(parseConfig({ READY_PATH: "none" }).readyPath, undefined);
  assert.throws(() => parseConfig({ READY_PATH: "off" }), /READY_PATH must be a path starting with "\/" such as \/readyz, or "none" for no readiness probe; got "off"$/);
  assert.throws(() => parseConfig({ HEALTH_PATH: "healthz" }), /HEALTH_PATH must be a path starting with "\/" such as \/healthz; got "healthz"$/);
});

test("PRIMARY_TARGET and SECONDARY_TARGET name the fault targets of any link, as Kubernetes names, and two different ones", () => {
  const cfg = parseConfig({ PRIMARY_TARGET: "openai", SECONDARY_TARGET: "azure-eu" });
  assert.deepEqual([cfg.primaryTarget, cfg.secondaryTarget], ["openai", "azure-eu"]);
  assert.throws(() => parseConfig({ PRIMARY_TARGET: "OpenAI" }), /PRIMARY_TARGET must be a Kubernetes name \(lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63\) naming a fault target, such as provider-a; got "OpenAI"$/);
  assert.throws(() => parseConfig({ SECONDARY_TARGET: "provider_b" }), /SECONDARY_TARGET must be a Kubernetes name .* such as provider-b; got "provider_b"$/);
  assert.throws(() => parseConfig({ SECONDARY_TARGET: "provider-a" }), /SECONDARY_TARGET must name another target than PRIMARY_TARGET \(both are "provider-a"\)$/);
});
