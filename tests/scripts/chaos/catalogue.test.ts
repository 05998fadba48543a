import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { categoryOf, discoverScenarios, selectScenarios } from "../../../scripts/chaos/catalogue.ts";
import { UsageError } from "../../../scripts/chaos/usage-error.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/scenarios", import.meta.url));

describe("scenario catalogue", () => {
  it("lists every scenarios/*.ts by name with the category of its header line", () => {
    const warnings: string[] = [];
    const found = discoverScenarios(FIXTURES, (w) => warnings.push(w));
    assert.deepEqual(found.map((s) => [s.name, s.category]), [
      ["alpha", "dependency-chaos"],
      ["beta", "network-chaos"],
      ["delta", "baseline"],
      ["gamma", "uncategorized"],
    ]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /gamma\.ts has no "\/\/ @category NAME" header line/);
  });

  it("rejects a header naming an unknown category, naming the file and the categories", () => {
    assert.throws(() => categoryOf("// x\n// @category chaos-monkey\n", "scenarios/x.ts"), (err: unknown) =>
      err instanceof UsageError && /scenarios\/x\.ts: "\/\/ @category chaos-monkey" is not a category; use one of: baseline/.test(err.message));
  });

  it("ignores @category outside comments and beyond the header's first 20 lines", () => {
    assert.equal(categoryOf('const s = "@category baseline";\n', "x.ts"), undefined);
    assert.equal(categoryOf(`${"// filler\n".repeat(20)}// @category baseline\n`, "x.ts"), undefined);
  });

  it("finds nothing in a missing folder rather than crashing", () => {
    assert.deepEqual(discoverScenarios(join(FIXTURES, "missing")), []);
  });

  it("skips declaration files", () => {
    const dir = mkdtempSync(join(tmpdir(), "catalogue-"));
    try {
      writeFileSync(join(dir, "types.d.ts"), "// @category baseline\n");
      writeFileSync(join(dir, "one.ts"), "// @category baseline\n");
      assert.deepEqual(discoverScenarios(dir).map((s) => s.name), ["one"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("selectScenarios", () => {
  const catalogue = discoverScenarios(FIXTURES);
  const names = (picked: { name: string }[]) => picked.map((s) => s.name);

  it("selects everything when neither names nor categories are given", () => {
    assert.deepEqual(names(selectScenarios(catalogue, [], [])), ["alpha", "beta", "delta", "gamma"]);
  });
  it("selects the union of named scenarios and categories, in catalogue order", () => {
    assert.deepEqual(names(selectScenarios(catalogue, ["delta"], ["network-chaos"])), ["beta", "delta"]);
  });
  it("selects a category's scenarios only", () => {
    assert.deepEqual(names(selectScenarios(catalogue, [], ["dependency-chaos"])), ["alpha"]);
  });
  it("rejects an unknown scenario, listing the known ones", () => {
    assert.throws(() => selectScenarios(catalogue, ["omega"], []), /unknown scenario "omega"; scenarios are: alpha, beta, delta, gamma/);
  });
  it("rejects a category with no scenario, listing the categories that have some", () => {
    assert.throws(() => selectScenarios(catalogue, [], ["pod-failure"]), /no scenario in category pod-failure; categories with scenarios: dependency-chaos, network-chaos, baseline, uncategorized/);
  });
  it("rejects an empty catalogue", () => {
    assert.throws(() => selectScenarios([], [], []), /no scenarios found/);
  });
});
