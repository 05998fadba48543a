// The real entry point, as `npm run chaos` starts it: the paths that start nothing (usage errors
// stop before building; --inspect builds one scenario and evaluates its init, no stack, no run).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { OVERRIDE_NAMES } from "../../../lib/profile-overrides.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const chaos = (...args: string[]) => chaosWith({}, ...args);
const chaosWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/chaos.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 20_000, env: { ...process.env, ...env } });

describe("scripts/chaos.ts", () => {
  it("prints usage and exits 0 for --help", () => {
    const r = chaos("--help");
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: npm run chaos -- \[flags\]/);
  });
  it("exits 2 naming the accepted flags for an unknown flag", () => {
    const r = chaos("--bogus");
    assert.equal(r.status, 2);
    assert.match(r.stdout, /unknown flag "--bogus"; accepted: --scenario/);
  });
  it("exits 2 listing the catalogue's scenarios for an unknown scenario", () => {
    const r = chaos("--scenario", "no-such-scenario");
    assert.equal(r.status, 2);
    assert.match(r.stdout, /unknown scenario "no-such-scenario"; scenarios are: .*baseline/);
  });
  it("exits 2 naming a bad profile override before building or starting anything", () => {
    const r = chaosWith({ RATE: "2.5" }, "--scenario", "baseline");
    assert.equal(r.status, 2);
    assert.match(r.stdout, /RATE must be a whole number of iterations per second, at least 1 .*; got "2\.5"/);
    assert.doesNotMatch(r.stdout, /building/);
  });

  it("--inspect prints a real built scenario's plan at the profile and overrides: its fault, its masked budget with the SLO key", () => {
    // Only the overrides this test sets: the caller's own RATE or SLO_* must not change the plan.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(OVERRIDE_NAMES as readonly string[]).includes(k) && !k.startsWith("SLO_")));
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/chaos.ts", "--inspect", "provider-outage", "--profile", "load"], {
      cwd: ROOT, encoding: "utf8", timeout: 20_000, env: { ...clean, FAULT_DURATION: "45s", SLO_MASKED_ERROR_RATE: "0.03" },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "provider-outage (dependency-chaos) at profile load (FAULT_DURATION=45s): the resolved plan; nothing was run or injected");
    // load: 30 s warm-up, then the 45 s fault
    assert.ok(lines.some((l) => /^ {2}fault +30s +1m15s +45s {2}/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}disrupt +provider-a +network +30s +45s {2}action=drop$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}ai_req_unanswered\{phase:during\} +rate<0\.03 +maskedErrorRate +0\.03$/.test(l)), r.stdout);
  });
});
