// deploy/k8s renders, and it holds what the build/k8s scenarios and xk6-disruptor rely on: the
// targets' names, labels and ports, the namespace they are told to use, the RBAC, the StressChaos
// and the k6-operator TestRun's references. Rendering uses `kubectl kustomize` when kubectl is on
// PATH, else the yaml-package fallback of ./kustomize.ts (the output says which).
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseConfig } from "../../lib/config.ts";
import { parseCli } from "../../stack/gateway/cli.ts";
import { parseProviderArgs } from "../../stack/provider/main.ts";
import {
  asArray, byKey, chosenEngine, isObject, kubectlAvailable, readKustomization, render, renderFallback, renderWithKubectl, type K8sObject,
} from "./kustomize.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const K8S = join(ROOT, "deploy/k8s");
const NAMESPACE = "ai-chaos";
// xk6-disruptor's agent proxy listens on 8000 inside the target pod (HTTPDisruptionOptions.proxyPort).
const DISRUPTOR_PROXY_PORT = 8000;

/** The targets the fault model names (lib/faults/model.ts), read from the source. */
function faultTargets(): string[] {
  const source = readFileSync(join(ROOT, "lib/faults/model.ts"), "utf8");
  const match = /const TARGETS[^=]*=\s*\[([^\]]*)\]/.exec(source);
  assert.ok(match, "lib/faults/model.ts declares its TARGETS list");
  return [...match[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { limits?: { memory?: string } };
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Deployment extends K8sObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[]; hostNetwork?: boolean } } };
}
interface Service extends K8sObject {
  spec: { type?: string; selector: Record<string, string>; ports: { name?: string; port: number; targetPort?: number | string; nodePort?: number }[] };
}

let tmp = "";
let base: K8sObject[] = [];
let kind: K8sObject[] = [];
let operator: K8sObject[] = [];
let operatorScenario = "";

function find<T extends K8sObject>(objects: K8sObject[], kindName: string, name: string): T {
  const found = objects.find((o) => o.kind === kindName && o.metadata.name === name);
  assert.ok(found, `${kindName} ${name} is in the rendered manifests`);
  return found as T;
}

/** The k6-operator overlay reads its bundle from build/k8s (generated): render a copy with a stub bundle. */
function stageOperator(): string {
  const kustomization = readKustomization(join(K8S, "k6-operator"));
  const generators = asArray(kustomization.configMapGenerator);
  const files = generators.flatMap((g) => (isObject(g) ? asArray(g.files) : [])).map(String);
  assert.equal(files.length, 1, "the k6-operator overlay generates one script file");
  const source = files[0]!.slice(files[0]!.indexOf("=") + 1);
  const inRepo = relative(ROOT, resolve(K8S, "k6-operator", source));
  const match = /^build\/k8s\/([\w-]+)\.js$/.exec(inRepo);
  assert.ok(match, `the TestRun's script comes from a build/k8s bundle (got ${inRepo})`);
  operatorScenario = match[1]!;
  const copy = join(tmp, "deploy/k8s/k6-operator");
  cpSync(join(K8S, "k6-operator"), copy, { recursive: true });
  mkdirSync(join(tmp, "build/k8s"), { recursive: true });
  writeFileSync(join(tmp, inRepo), `// stub for ${inRepo}\nexport default function () {}\n`);
  return copy;
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), "deploy-k8s-"));
  console.log(`kustomize engine: ${chosenEngine()}${kubectlAvailable() ? "" : " (kubectl not on PATH)"}`);
  base = render(K8S).objects;
  kind = render(join(K8S, "overlays/kind")).objects;
  operator = render(stageOperator(), { loadRestrictionsNone: true }).objects;
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the kustomizations render (kubectl kustomize when available, else the yaml fallback)", (t) => {
  t.diagnostic(`engine: ${chosenEngine()}`);
  assert.ok(base.length >= 10, `deploy/k8s renders the stack (got ${base.length} objects)`);
  assert.ok(kind.length > base.length, "the kind overlay adds to the base");
  assert.ok(operator.some((o) => o.kind === "TestRun"), "the k6-operator overlay renders a TestRun");
});

test("where kubectl exists, the fallback renders exactly what kubectl kustomize does", (t) => {
  if (!kubectlAvailable()) {
    t.skip("kubectl not on PATH: the fallback rendered everything");
    return;
  }
  const stagedOperator = join(tmp, "deploy/k8s/k6-operator");
  for (const [dir, restricted] of [[K8S, false], [join(K8S, "overlays/kind"), false], [stagedOperator, true]] as const) {
    const viaKubectl = byKey(renderWithKubectl(dir, { loadRestrictionsNone: restricted }));
    const viaFallback = byKey(renderFallback(dir));
    assert.deepEqual([...viaFallback.keys()].sort(), [...viaKubectl.keys()].sort(), `${relative(ROOT, dir) || dir}: same objects`);
    for (const [key, object] of viaKubectl) assert.deepEqual(viaFallback.get(key), object, `${key} renders the same`);
  }
});

test("every fault target has a Deployment and a single-port Service selecting app=<name> in the namespace", () => {
  const targets = faultTargets();
  assert.deepEqual([...targets].sort(), ["ai-service", "provider-a", "provider-b"]);
  for (const name of targets) {
    const deployment = find<Deployment>(base, "Deployment", name);
    const service = find<Service>(base, "Service", name);
    assert.equal(deployment.metadata.namespace, NAMESPACE, `${name} Deployment namespace`);
    assert.equal(service.metadata.namespace, NAMESPACE, `${name} Service namespace`);
    const podLabels = deployment.spec.template.metadata.labels;
    assert.equal(podLabels.app, name, `${name} pods are labelled app=${name} (PodDisruptor selects them so)`);
    for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) assert.equal(podLabels[k], v, `${name}: selector ${k}=${v} matches the pod labels`);
    assert.deepEqual(service.spec.selector, { app: name }, `${name} Service selects app=${name}`);
    for (const [k, v] of Object.entries(service.spec.selector)) assert.equal(podLabels[k], v, `${name}: Service selector matches the pod labels`);
    // The scenarios name no port: ServiceDisruptor refuses a service with several.
    assert.equal(service.spec.ports.length, 1, `${name} Service has exactly one port`);
    assert.notEqual(deployment.spec.template.spec.hostNetwork, true, `${name}: the disruptor refuses hostNetwork pods`);
  }
});

test("container ports are declared, named, match the Service targetPorts and what the process listens on", () => {
  for (const name of faultTargets()) {
    const deployment = find<Deployment>(base, "Deployment", name);
    const service = find<Service>(base, "Service", name);
    const containers = deployment.spec.template.spec.containers;
    const declared = containers.flatMap((c) => c.ports ?? []);
    assert.ok(declared.length > 0, `${name} declares its container port (xk6-disruptor needs it)`);
    for (const port of declared) {
      assert.ok(port.name && port.name.length <= 15, `${name}: port ${port.containerPort} has a name`);
      assert.notEqual(port.containerPort, DISRUPTOR_PROXY_PORT, `${name}: the disruptor agent's proxy owns port ${DISRUPTOR_PROXY_PORT}`);
    }
    for (const sp of service.spec.ports) {
      const target = sp.targetPort ?? sp.port;
      const match = declared.find((p) => (typeof target === "string" ? p.name === target : p.containerPort === target));
      assert.ok(match, `${name} Service port ${sp.port} -> targetPort ${target} is a declared container port`);
    }
    const [container] = containers;
    assert.ok(container?.command && container.args, `${name}: command and args are explicit`);
    const listen = name === "ai-service" ? parseCli(container.args) : parseProviderArgs(container.args);
    assert.equal(listen.host, "0.0.0.0", `${name} listens on all interfaces (the Service and the disruptor proxy reach the pod IP)`);
    assert.ok(declared.some((p) => p.containerPort === listen.port), `${name} listens on its declared port (${listen.port})`);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      const port = probe?.httpGet?.port;
      if (port === undefined) continue;
      assert.ok(declared.some((p) => (typeof port === "string" ? p.name === port : p.containerPort === port)), `${name}: probe port ${port} is declared`);
    }
  }
});

test("ai-service: 2 pods of one worker each named after its pod, probes on /readyz and /healthz, providers reached through their Services", () => {
  const deployment = find<Deployment>(base, "Deployment", "ai-service");
  const container = deployment.spec.template.spec.containers[0]!;
  const cli = parseCli(container.args ?? []);
  // /readyz compares the workers ready in the pod with that pod's --replicas: 1 worker per pod.
  assert.equal(cli.replicas, 1, "each pod runs one gateway worker");
  assert.ok((deployment.spec.replicas ?? 1) >= 2, "pod-failure kills 50% of the pods: one must survive");
  assert.equal(container.readinessProbe?.httpGet?.path, "/readyz");
  assert.equal(container.livenessProbe?.httpGet?.path, "/healthz");
  // Without it every pod would report the local stack's name, ai-service-0 (stack/gateway/cluster.ts podNames).
  const podName = container.env?.find((e) => e.name === "POD_NAME");
  assert.equal(podName?.valueFrom?.fieldRef?.fieldPath, "metadata.name", "POD_NAME comes from the downward API (fieldRef metadata.name)");
  // The scenarios' surge capacity default is the Deployment's total in-flight bound.
  assert.equal((deployment.spec.replicas ?? 1) * cli.worker.maxInflight, parseConfig({}).capacityInflight, "CAPACITY_INFLIGHT default = pods x --max-inflight");
  for (const [flag, url] of [["provider-a", cli.worker.providerA], ["provider-b", cli.worker.providerB]] as const) {
    const u = new URL(url);
    const service = find<Service>(base, "Service", flag);
    assert.ok([flag, `${flag}.${NAMESPACE}`, `${flag}.${NAMESPACE}.svc`, `${flag}.${NAMESPACE}.svc.cluster.local`].includes(u.hostname), `--${flag} names the ${flag} Service (${url})`);
    assert.equal(Number(u.port), service.spec.ports[0]!.port, `--${flag} uses the ${flag} Service port`);
  }
});

test("the namespace is the one the README and CI tell the scenarios to pass, and allows the disruptor agent", () => {
  const ns = find<K8sObject>(base, "Namespace", NAMESPACE);
  assert.equal(ns.metadata.labels?.["pod-security.kubernetes.io/enforce"], "privileged", "the agent (NET_ADMIN, root) needs a privileged namespace");
  const namespaced = base.filter((o) => o.kind !== "Namespace");
  for (const o of namespaced) assert.equal(o.metadata.namespace, NAMESPACE, `${o.kind} ${o.metadata.name} is in ${NAMESPACE}`);
  const scriptsDefault = parseConfig({}).namespace;
  if (scriptsDefault !== NAMESPACE) {
    const readme = readFileSync(join(ROOT, "deploy/README.md"), "utf8");
    assert.match(readme, new RegExp(`NAMESPACE=${NAMESPACE}\\b`), `the scripts default to "${scriptsDefault}": deploy/README.md says to pass NAMESPACE=${NAMESPACE}`);
    const workflow = readFileSync(join(ROOT, ".github/workflows/performance-chaos.yml"), "utf8");
    assert.match(workflow, new RegExp(`NAMESPACE: ${NAMESPACE}\\b`), "the CI kubernetes job passes the same namespace");
  }
});

test("the RBAC grants what xk6-disruptor calls, bound to the runner's ServiceAccount", () => {
  const role = find<K8sObject & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] }>(base, "Role", "k6-disruptor");
  const allows = (resource: string, verb: string) =>
    role.rules.some((r) => r.apiGroups.includes("") && r.resources.includes(resource) && (r.verbs.includes(verb) || r.verbs.includes("*")));
  const needed: [string, string][] = [
    ["pods", "get"], ["pods", "list"], ["pods", "watch"], ["pods", "delete"],
    ["pods/ephemeralcontainers", "patch"], ["pods/exec", "create"], ["services", "get"], ["endpoints", "get"],
  ];
  for (const [resource, verb] of needed) assert.ok(allows(resource, verb), `Role k6-disruptor allows ${verb} ${resource}`);
  const binding = find<K8sObject & { roleRef: { kind: string; name: string }; subjects: { kind: string; name: string; namespace?: string }[] }>(base, "RoleBinding", "k6-disruptor");
  assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "k6-disruptor" });
  const subject = binding.subjects.find((s) => s.kind === "ServiceAccount");
  assert.ok(subject, "the binding names a ServiceAccount");
  find<K8sObject>(base, "ServiceAccount", subject.name);
  assert.equal(subject.namespace, NAMESPACE);
});

test("the k6-operator TestRun runs a build/k8s bundle from a generated ConfigMap, as the RBAC's ServiceAccount", () => {
  assert.ok(existsSync(join(ROOT, "scenarios", `${operatorScenario}.ts`)), `scenarios/${operatorScenario}.ts exists`);
  const run = find<K8sObject & { spec: Record<string, unknown> }>(operator, "TestRun", operator.find((o) => o.kind === "TestRun")!.metadata.name);
  assert.equal(run.apiVersion, "k6.io/v1alpha1");
  assert.equal(run.metadata.namespace, NAMESPACE);
  const spec = run.spec as { parallelism: number; script: { configMap: { name: string; file: string } }; runner: { image: string; serviceAccountName: string; env: { name: string; value: string }[] } };
  assert.ok(Number.isInteger(spec.parallelism) && spec.parallelism >= 1, "parallelism is a positive integer");
  const configMap = find<K8sObject & { data: Record<string, string> }>(operator, "ConfigMap", spec.script.configMap.name);
  assert.equal(configMap.metadata.namespace, NAMESPACE, "the script ConfigMap is in the TestRun's namespace");
  assert.ok(spec.script.configMap.file in configMap.data, `the ConfigMap holds ${spec.script.configMap.file}`);
  const sa = find<K8sObject>(base, "ServiceAccount", spec.runner.serviceAccountName);
  assert.equal(sa.metadata.namespace, NAMESPACE);
  assert.match(spec.runner.image, /xk6-disruptor/, "the runner image carries xk6-disruptor");
  const env = Object.fromEntries(spec.runner.env.map((e) => [e.name, e.value]));
  assert.equal(env.NAMESPACE, NAMESPACE);
  assert.ok(["smoke", "load", "stress", "soak"].includes(env.PROFILE ?? ""), "PROFILE names a profile");
  const target = new URL(env.BASE_URL ?? "");
  const service = find<Service>(base, "Service", "ai-service");
  assert.ok(target.hostname.startsWith(`ai-service.${NAMESPACE}`), `BASE_URL targets the ai-service Service (${target.href})`);
  assert.equal(Number(target.port), service.spec.ports[0]!.port, "BASE_URL uses the Service port");
  assert.equal(env.CHAOS_ALLOW_TARGET, target.hostname, "CHAOS_ALLOW_TARGET names BASE_URL's host, or the scenario refuses to inject faults");
});

test("the kind overlay exposes ai-service on the node port the kind config maps to the host", () => {
  const nodePort = kind.find((o): o is Service => o.kind === "Service" && (o as Service).spec.type === "NodePort") as Service | undefined;
  assert.ok(nodePort, "the kind overlay has a NodePort Service");
  assert.deepEqual(nodePort.spec.selector, { app: "ai-service" });
  assert.notEqual(nodePort.metadata.name, "ai-service", "the scenarios' ai-service Service stays untouched");
  const declared = find<Deployment>(kind, "Deployment", "ai-service").spec.template.spec.containers.flatMap((c) => c.ports ?? []);
  const port = nodePort.spec.ports[0]!;
  assert.ok(declared.some((p) => (typeof port.targetPort === "string" ? p.name === port.targetPort : p.containerPort === port.targetPort)), "its targetPort is declared");
  const config = readFileSync(join(ROOT, "deploy/ci/kind-config.yaml"), "utf8");
  assert.match(config, new RegExp(`containerPort:\\s*${port.nodePort}\\b`), `deploy/ci/kind-config.yaml maps node port ${port.nodePort}`);
  const hostPort = /hostPort:\s*(\d+)/.exec(config)?.[1];
  const workflow = readFileSync(join(ROOT, ".github/workflows/performance-chaos.yml"), "utf8");
  assert.match(workflow, new RegExp(`BASE_URL=http://127\\.0\\.0\\.1:${hostPort}\\b`), `CI's k6 reaches ai-service on host port ${hostPort}`);
});

test("the Chaos Mesh StressChaos presses the ai-service pods within their memory limit", () => {
  const file = join(K8S, "chaos-mesh/stress-ai-service.yaml");
  const [stress] = renderFallbackFile(file);
  assert.equal(stress?.kind, "StressChaos");
  assert.equal(stress.apiVersion, "chaos-mesh.org/v1alpha1");
  const spec = stress.spec as { mode: string; selector: { namespaces: string[]; labelSelectors: Record<string, string> }; stressors: { cpu?: { workers: number; load: number }; memory?: { workers: number; size: string } }; duration: string };
  assert.equal(stress.metadata.namespace, NAMESPACE);
  assert.deepEqual(spec.selector.namespaces, [NAMESPACE]);
  assert.deepEqual(spec.selector.labelSelectors, { app: "ai-service" });
  assert.ok(spec.stressors.cpu && spec.stressors.memory, "CPU and memory stressors, as resource-pressure's local fault");
  assert.match(spec.duration, /^\d+(ms|s|m|h)$/, "a duration bounds the experiment");
  const limit = find<Deployment>(base, "Deployment", "ai-service").spec.template.spec.containers[0]!.resources?.limits?.memory ?? "";
  assert.ok(bytes(spec.stressors.memory.size) < bytes(limit), `${spec.stressors.memory.size} of stress fits the ${limit} limit`);
});

test("every stack container runs an entry point that exists in the image", () => {
  const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
  const copied = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
  for (const d of base.filter((o): o is Deployment => o.kind === "Deployment")) {
    for (const c of d.spec.template.spec.containers) {
      const files = [...(c.command ?? []), ...(c.args ?? [])].filter((a) => a.endsWith(".ts"));
      assert.ok(files.length > 0, `${d.metadata.name} names its entry point`);
      for (const f of files) {
        assert.ok(existsSync(join(ROOT, f)), `${d.metadata.name}: ${f} exists`);
        assert.ok(copied.some((src) => f === src || f.startsWith(`${src.replace(/\/$/, "")}/`)), `${d.metadata.name}: ${f} is copied into the image`);
      }
      assert.equal(c.image, "ai-chaos-stack:dev", `${d.metadata.name} uses the stack image CI builds`);
    }
  }
});

function renderFallbackFile(file: string): K8sObject[] {
  const dir = mkdtempSync(join(tmp, "file-"));
  cpSync(file, join(dir, "object.yaml"));
  writeFileSync(join(dir, "kustomization.yaml"), "resources:\n  - object.yaml\n");
  return renderFallback(dir);
}

function bytes(size: string): number {
  const m = /^(\d+)\s*(B|KB|MB|GB|Ki|Mi|Gi)?$/.exec(size.trim());
  assert.ok(m, `a size: ${size}`);
  const unit = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[m[2] ?? "B"]!;
  return Number(m[1]) * unit;
}
