// The stack image's Dockerfile, checked by reading it (no Docker engine runs here): Node 20 slim,
// production dependencies only (so everything the stack imports must be a dependency, tsx
// included), non-root by number, the copied sources exist and are not ignored, and the entry
// points exist.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, comments dropped, continuation lines joined. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, " ");
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(" ") };
    });
}

const dockerfile = instructions(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8")
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const finalStage = dockerfile.slice(dockerfile.map((i) => i.op).lastIndexOf("FROM"));

function execForm(op: string): string[] {
  const found = finalStage.filter((i) => i.op === op).at(-1);
  assert.ok(found, `the final stage has ${op}`);
  const value: unknown = JSON.parse(found.args);
  assert.ok(Array.isArray(value) && value.every((v) => typeof v === "string"), `${op} is in exec form (a JSON array)`);
  return value as string[];
}

test("every stage builds FROM node:20-slim", () => {
  const froms = dockerfile.filter((i) => i.op === "FROM");
  assert.ok(froms.length >= 1);
  for (const f of froms) assert.match(f.args, /^node:20-slim(\s+AS\s+\w+)?$/i, `FROM ${f.args}`);
});

test("the image runs as a non-root user, by number (runAsNonRoot can verify it)", () => {
  const user = finalStage.filter((i) => i.op === "USER").at(-1);
  assert.ok(user, "the final stage sets USER");
  const [uid] = user.args.split(":");
  assert.match(uid!, /^\d+$/, "USER is numeric");
  assert.notEqual(Number(uid), 0, "USER is not root");
});

test("it installs production dependencies only, and the stack imports nothing else", () => {
  assert.ok(dockerfile.some((i) => i.op === "RUN" && /npm ci\b.*--omit=dev/.test(i.args)), "npm ci --omit=dev");
  assert.ok("tsx" in pkg.dependencies, "tsx (the runtime TypeScript loader) is a dependency, not a devDependency");
  const bare = new Set<string>();
  const outside: string[] = [];
  const copied = finalStage
    .filter((i) => i.op === "COPY" && !i.args.startsWith("--from"))
    .flatMap((i) => i.args.split(/\s+/).slice(0, -1).map((src) => join(ROOT, src.replace(/\/$/, ""))));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) {
        const source = readFileSync(path, "utf8");
        for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^".][^"]*)"/g)) bare.add(m[1]!);
        // A relative import must resolve to something the image's COPY instructions bring in.
        for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]*)"/g)) {
          const target = resolve(dirname(path), m[1]!);
          if (!copied.some((c) => target === c || target.startsWith(c + "/"))) outside.push(`${path}: ${m[1]}`);
        }
      }
    }
  };
  walk(join(ROOT, "stack"));
  assert.deepEqual(outside, [], "stack/ imports only what the image copies");
  for (const spec of bare) {
    if (spec.startsWith("node:")) continue;
    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
    assert.ok(name in pkg.dependencies, `stack/ imports ${spec}: ${name} is in dependencies (npm ci --omit=dev installs it)`);
  }
});

test("every COPY source exists and is not excluded by .dockerignore", () => {
  const copies = dockerfile.filter((i) => i.op === "COPY" && !i.args.startsWith("--from"));
  assert.ok(copies.length > 0);
  for (const c of copies) {
    const sources = c.args.split(/\s+/).filter((a) => !a.startsWith("--")).slice(0, -1);
    for (const src of sources) {
      assert.ok(existsSync(join(ROOT, src)), `COPY ${src}: it exists`);
      const top = src.replace(/\/$/, "").split("/")[0]!;
      assert.ok(!ignored.includes(top) && !ignored.includes(src), `COPY ${src}: .dockerignore does not exclude it`);
    }
  }
  for (const needed of ["package.json", "package-lock.json", "stack"]) {
    assert.ok(copies.some((c) => c.args.split(/\s+/).slice(0, -1).some((s) => s.replace(/\/$/, "") === needed)), `${needed} is copied`);
  }
});

test("ENTRYPOINT and CMD point at a file that exists and is copied; EXPOSE covers the stack's ports", () => {
  const argv = [...execForm("ENTRYPOINT"), ...execForm("CMD")];
  assert.deepEqual(argv.slice(0, 3), ["node", "--import", "tsx"], "node with the tsx loader");
  const scripts = argv.filter((a) => a.endsWith(".ts"));
  assert.equal(scripts.length, 1, "one entry point");
  assert.ok(existsSync(join(ROOT, scripts[0]!)), `${scripts[0]} exists`);
  assert.ok(scripts[0]!.startsWith("stack/"), "inside the copied stack/");
  const exposed = finalStage.filter((i) => i.op === "EXPOSE").flatMap((i) => i.args.split(/\s+/)).map((p) => Number(p.split("/")[0]));
  const manifests = readdirSync(join(ROOT, "deploy/k8s/base")).map((f) => readFileSync(join(ROOT, "deploy/k8s/base", f), "utf8")).join("\n");
  const declared = [...manifests.matchAll(/containerPort:\s*(\d+)/g)].map((m) => Number(m[1]));
  assert.ok(declared.length >= 3);
  for (const port of declared) assert.ok(exposed.includes(port), `EXPOSE ${port}`);
});
