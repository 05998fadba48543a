import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../../lib/config.ts";
import { guardFaultRun, isLoopbackHost, parseAllowList, tokenProblem, urlTarget, type FaultRunTargets } from "../../contracts/target-guard.ts";

const TOKEN = "0123456789abcdef0123";
const local: FaultRunTargets = { baseUrl: "http://127.0.0.1:8080", faultsUrl: "http://127.0.0.1:7070", skipFaults: false, allowTarget: "", faultsToken: undefined };

test("loopback is 127.0.0.0/8, ::1 and localhost; anything else, wildcards and look-alikes included, is not", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost", "LocalHost", "localhost."]) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0.256", "127.0.0.1.evil.com", "localhost.evil.com", "api.example.com", "::2", ""]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test("a URL's target is its host after any user info, with the scheme's port when none is given", () => {
  assert.deepEqual(urlTarget("https://API.example.com/v1"), { host: "api.example.com", port: 443 });
  assert.deepEqual(urlTarget("http://gw.example:8080"), { host: "gw.example", port: 8080 });
  assert.deepEqual(urlTarget("http://[::1]:7070"), { host: "::1", port: 7070 });
  assert.deepEqual(urlTarget("http://127.0.0.1@evil.example.com"), { host: "evil.example.com", port: 80 });
});

test("a fault run against loopback needs no opt-in", () => {
  assert.doesNotThrow(() => guardFaultRun(local));
  assert.doesNotThrow(() => guardFaultRun({ ...local, baseUrl: "http://localhost:8080", faultsUrl: "http://[::1]:7070" }));
});

test("a fault run against a non-loopback BASE_URL is refused with the opt-in and the load-only way out", () => {
  assert.throws(
    () => guardFaultRun({ ...local, baseUrl: "https://api.example.com" }),
    { message: 'BASE_URL host "api.example.com" is not loopback (127.0.0.0/8, ::1 or localhost): fault scenarios refuse it unless CHAOS_ALLOW_TARGET names it (CHAOS_ALLOW_TARGET=api.example.com), or set SKIP_FAULTS=1 for a load-only run' },
  );
  assert.throws(() => guardFaultRun({ ...local, baseUrl: "http://0.0.0.0:8080" }), /BASE_URL host "0\.0\.0\.0" is not loopback/);
  assert.throws(() => guardFaultRun({ ...local, baseUrl: "http://[2001:db8::1]:8080" }), /CHAOS_ALLOW_TARGET=\[2001:db8::1\]/);
});

test("CHAOS_ALLOW_TARGET allows exactly the hosts it names, case-insensitively, and host:port only on that port", () => {
  const remote = { ...local, baseUrl: "https://API.Example.com" };
  assert.doesNotThrow(() => guardFaultRun({ ...remote, allowTarget: "staging.example.com, api.example.COM" }));
  assert.doesNotThrow(() => guardFaultRun({ ...remote, allowTarget: "api.example.com:443" }));
  assert.throws(() => guardFaultRun({ ...remote, allowTarget: "api.example.com:8443" }), /BASE_URL host "api\.example\.com" is not loopback/);
  assert.throws(() => guardFaultRun({ ...remote, allowTarget: "example.com" }), /is not loopback/, "a parent domain is not the host");
  assert.throws(() => guardFaultRun({ ...remote, allowTarget: "api.example.com.evil" }), /is not loopback/);
});

test("CHAOS_ALLOW_TARGET entries must be hostnames or host:port, wildcards refused", () => {
  assert.deepEqual(parseAllowList(" a.example.com ,b.example.com:8443,[2001:db8::1]:80,,"), [
    { host: "a.example.com" }, { host: "b.example.com", port: 8443 }, { host: "2001:db8::1", port: 80 },
  ]);
  for (const bad of ["*", "*.example.com", "http://a.example.com", "a.example.com:0", "a.example.com:99999", "a b"]) {
    assert.throws(() => parseAllowList(bad), /^Error: CHAOS_ALLOW_TARGET must be hostnames or host:port, comma-separated/, bad);
  }
});

test("SKIP_FAULTS bypasses the guard: a load-only run may target any host", () => {
  assert.doesNotThrow(() => guardFaultRun({ ...local, skipFaults: true, baseUrl: "https://api.example.com", faultsUrl: "http://faults.example.com" }));
});

test("a remote FAULTS_URL needs FAULTS_TOKEN while faults are on", () => {
  const remote = { ...local, faultsUrl: "https://faults.example.com:7070" };
  assert.throws(() => guardFaultRun(remote), /^Error: FAULTS_URL host "faults\.example\.com" is not loopback: a remote fault controller must require a token, so set FAULTS_TOKEN/);
  assert.doesNotThrow(() => guardFaultRun({ ...remote, faultsToken: TOKEN }));
  assert.doesNotThrow(() => guardFaultRun({ ...remote, skipFaults: true }));
});

test("a token is at least 16 RFC 6750 characters, and a refusal never quotes it", () => {
  assert.equal(tokenProblem("FAULTS_TOKEN", TOKEN), undefined);
  assert.equal(tokenProblem("FAULTS_TOKEN", "aB3-._~+/aB3-._~=="), undefined);
  const short = tokenProblem("FAULTS_TOKEN", "s3cr3t-s3cr3t");
  assert.match(short ?? "", /^FAULTS_TOKEN must be at least 16 characters of letters, digits and - \. _ ~ \+ \/ = .*; got 13 characters$/);
  const spaced = tokenProblem("FAULTS_TOKEN", "hunter2 hunter2 hunter2");
  assert.match(spaced ?? "", /got other characters$/);
  assert.doesNotMatch(`${short} ${spaced}`, /s3cr3t|hunter2/);
});

test("parseConfig applies the guard at init and keeps FAULTS_TOKEN without ever echoing it", () => {
  assert.throws(() => parseConfig({ BASE_URL: "https://api.example.com" }), /BASE_URL host "api\.example\.com" is not loopback/);
  assert.equal(parseConfig({ BASE_URL: "https://api.example.com", CHAOS_ALLOW_TARGET: "api.example.com" }).baseUrl, "https://api.example.com");
  assert.equal(parseConfig({ BASE_URL: "https://api.example.com", SKIP_FAULTS: "1" }).skipFaults, true);
  assert.throws(() => parseConfig({ FAULTS_URL: "http://faults.example.com" }), /set FAULTS_TOKEN/);
  assert.equal(parseConfig({ FAULTS_URL: "http://faults.example.com", FAULTS_TOKEN: TOKEN }).faultsToken, TOKEN);
  assert.equal(parseConfig({}).faultsToken, undefined);
  assert.equal(parseConfig({ FAULTS_TOKEN: " " }).faultsToken, undefined);
  assert.throws(() => parseConfig({ FAULTS_TOKEN: "tooshort" }), (err: Error) => /^FAULTS_TOKEN must be at least 16/.test(err.message) && !err.message.includes("tooshort"));
  assert.throws(() => parseConfig({ CHAOS_ALLOW_TARGET: "*" }), /CHAOS_ALLOW_TARGET must be hostnames/);
});
