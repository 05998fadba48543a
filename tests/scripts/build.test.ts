import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { buildScenarios } from "../../scripts/build.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "ai-chaos-build-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function fixture(name: string, source: string): string {
  const dir = join(tmp, name, "scenarios");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "fixture.ts"), source);
  return dir;
}

test("the faults backend alias gives each flavor its own backend", async () => {
  const backend = join(ROOT, "lib", "faults", "backend.ts");
  const scenariosDir = fixture("alias", `import { backend } from ${JSON.stringify(backend)};\nexport default function () { return backend.name; }\n`);
  const outDir = join(tmp, "alias", "build");
  const report = await buildScenarios({ scenariosDir, outDir });
  assert.deepEqual(report.scenarios, ["fixture"]);
  const local = readFileSync(join(outDir, "local", "fixture.js"), "utf8");
  const k8s = readFileSync(join(outDir, "k8s", "fixture.js"), "utf8");
  assert.match(local, /name: "local"/);
  assert.doesNotMatch(local, /k6\/x\/disruptor/);
  assert.match(k8s, /name: "k8s"/);
  assert.match(k8s, /from "k6\/x\/disruptor"/);
  assert.doesNotMatch(k8s, /name: "local"/);
});

test("bundles are ESM with k6 modules left external and an inline source map", async () => {
  const scenariosDir = fixture("shape", `import http from "k6/http";\nexport const options = { vus: 1 };\nexport async function load() { await http.asyncRequest("GET", "http://x"); }\n`);
  const outDir = join(tmp, "shape", "build");
  await buildScenarios({ scenariosDir, outDir, flavors: ["local"] });
  const js = readFileSync(join(outDir, "local", "fixture.js"), "utf8");
  assert.match(js, /^import http from "k6\/http";$/m);
  assert.match(js, /^export \{[\s\S]*load,[\s\S]*options[\s\S]*\};$/m);
  assert.match(js, /\/\/# sourceMappingURL=data:application\/json;base64,/);
});

test("with zero scenarios the build succeeds and says there is nothing to build", async () => {
  const report = await buildScenarios({ scenariosDir: join(tmp, "none"), outDir: join(tmp, "none-out") });
  assert.deepEqual(report.outputs, []);
  assert.match(report.message, /no scenarios in .*: nothing to build/);
});

test("the repository's scenarios build for both flavors and keep their k6 entry points", async () => {
  const outDir = join(tmp, "repo");
  const report = await buildScenarios({ outDir, names: ["baseline"] });
  assert.equal(report.outputs.length, 2);
  const js = readFileSync(join(outDir, "local", "baseline.js"), "utf8");
  // `local as exported` when esbuild renamed the binding: the name after `as` is what k6 sees.
  const exported = /^export \{([^}]*)\};$/m.exec(js)?.[1]?.split(",").map((s) => s.trim().split(/\s+as\s+/).at(-1)) ?? [];
  assert.deepEqual(exported.sort(), ["disrupt", "load", "options", "plan", "probe", "setup", "teardown"]);
  await assert.rejects(buildScenarios({ outDir, names: ["no-such-scenario"] }), /no scenario named no-such-scenario/);
});
