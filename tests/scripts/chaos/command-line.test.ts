import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseChaosArgs } from "../../../scripts/chaos/command-line.ts";
import { UsageError } from "../../../scripts/chaos/usage-error.ts";

describe("parseChaosArgs", () => {
  it("defaults to every scenario at the smoke profile, engine auto, reports/", () => {
    assert.deepEqual(parseChaosArgs([]), { help: false, scenarios: [], categories: [], profile: "smoke", fragile: [], engine: "auto", outDir: "reports" });
  });

  const accepted: [string, string[], Partial<ReturnType<typeof parseChaosArgs>>][] = [
    ["repeated --scenario", ["--scenario", "a", "--scenario=b"], { scenarios: ["a", "b"] }],
    ["a comma list of scenarios, deduplicated", ["--scenario", "a,b", "--scenario", "a"], { scenarios: ["a", "b"] }],
    ["repeated --category", ["--category", "network-chaos", "--category=pod-failure"], { categories: ["network-chaos", "pod-failure"] }],
    ["--profile load", ["--profile", "load"], { profile: "load" }],
    ["--fragile list", ["--fragile=fallback,retries"], { fragile: ["fallback", "retries"] }],
    ["--engine node", ["--engine", "node"], { engine: "node" }],
    ["--out-dir", ["--out-dir", "/tmp/x"], { outDir: "/tmp/x" }],
    ["--help", ["--help"], { help: true }],
    ["-h", ["-h"], { help: true }],
    ["--inspect with --profile", ["--inspect", "provider-outage", "--profile=load"], { inspect: "provider-outage", profile: "load" }],
  ];
  for (const [what, argv, expected] of accepted) {
    it(`accepts ${what}`, () => {
      const args = parseChaosArgs(argv);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(args[key as keyof typeof args], value, key);
    });
  }

  const rejected: [string, string[], RegExp][] = [
    ["an unknown flag, naming the accepted ones", ["--bogus"], /unknown flag "--bogus"; accepted: --scenario, --category, --profile/],
    ["an unknown category, naming the categories", ["--category", "chaos"], /unknown category "chaos"; categories are: baseline, service-resilience, network-chaos, resource-chaos, dependency-chaos, pod-failure/],
    ["an unknown profile, naming the profiles", ["--profile=huge"], /--profile "huge" is not accepted; use one of: smoke, load, stress, soak/],
    ["an unknown engine", ["--engine", "gatling"], /use one of: auto, k6, node/],
    ["an unknown fragility switch", ["--fragile=nope"], /--fragile: unknown fragility switch "nope": accepted are timeouts/],
    ["a flag without its value", ["--profile"], /--profile needs a value/],
    ["a flag followed by another flag", ["--scenario", "--profile", "smoke"], /--scenario needs a value/],
    ["a positional argument", ["baseline"], /unexpected argument "baseline"/],
    ["a single-value flag given twice", ["--profile", "smoke", "--profile", "load"], /--profile is given twice/],
    ["an empty --out-dir", ["--out-dir="], /--out-dir needs a folder path/],
    ["--inspect with more than one scenario", ["--inspect", "a,b"], /--inspect takes one scenario name; got "a,b"/],
    ["--inspect with a flag that only shapes a run", ["--inspect", "a", "--fragile=fallback", "--scenario", "b"], /--inspect prints one scenario's plan and takes only --profile; drop --fragile, --scenario/],
  ];
  for (const [what, argv, message] of rejected) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseChaosArgs(argv), (err: unknown) => err instanceof UsageError && message.test(err.message));
    });
  }
});
