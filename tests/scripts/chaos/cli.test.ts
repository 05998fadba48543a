// The real entry point, as `npm run chaos` starts it: only paths that stop before building.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

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
});
