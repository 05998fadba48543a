// The folders' import graph, read from the sources: contracts/ is a leaf every other folder may
// import, thresholds/ builds criteria over contracts/ alone, and no two folders import each other.
// docs/ARCHITECTURE.md draws the same graph.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FOLDERS = ["contracts", "lib", "thresholds", "scenarios", "stack", "runner", "scripts", "bench"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** folder → the other folders of ours its sources import (relative imports only). */
export function folderGraph(): Map<string, Set<string>> {
  const graph = new Map(FOLDERS.map((f) => [f, new Set<string>()]));
  for (const folder of FOLDERS) {
    for (const file of sources(join(ROOT, folder))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = relative(ROOT, resolve(dirname(file), match[1] ?? "")).split("/")[0] ?? "";
        if (target !== folder && FOLDERS.includes(target)) graph.get(folder)?.add(target);
      }
    }
  }
  return graph;
}

test("contracts/ is a leaf: it imports nothing of ours", () => {
  assert.deepEqual([...(folderGraph().get("contracts") ?? [])], []);
});

test("thresholds/ are pure builders over the contracts: they import contracts/ only", () => {
  assert.deepEqual([...(folderGraph().get("thresholds") ?? [])], ["contracts"]);
});

test("no two folders import each other", () => {
  const graph = folderGraph();
  for (const [from, tos] of graph) {
    for (const to of tos) assert.ok(!graph.get(to)?.has(from), `${from}/ and ${to}/ import each other`);
  }
});
