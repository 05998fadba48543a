// Renders a kustomization for the deploy tests: `kubectl kustomize` when kubectl is on PATH, else a
// small fallback built on the `yaml` package that implements only what deploy/k8s uses
// (resources, namespace, configMapGenerator with disableNameSuffixHash) and refuses anything else,
// so a fresh CI machine needs no extra install. DEPLOY_KUSTOMIZE=fallback forces the fallback;
// where kubectl exists the tests also prove the fallback renders exactly what kubectl does.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

/** A Kubernetes object as the tests read it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export type Engine = "kubectl kustomize" | "fallback (yaml package)";

export interface Rendered {
  engine: Engine;
  objects: K8sObject[];
}

export interface RenderOptions {
  /** kustomize's --load-restrictor LoadRestrictionsNone: files outside the kustomization root. */
  loadRestrictionsNone?: boolean;
}

let kubectl: boolean | undefined;

/** Whether `kubectl kustomize` can run here. */
export function kubectlAvailable(): boolean {
  if (kubectl === undefined) {
    const probe = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8", timeout: 20_000 });
    kubectl = probe.status === 0;
  }
  return kubectl;
}

/** The engine render() uses: kubectl when present, unless DEPLOY_KUSTOMIZE=fallback. */
export function chosenEngine(): Engine {
  return process.env.DEPLOY_KUSTOMIZE !== "fallback" && kubectlAvailable() ? "kubectl kustomize" : "fallback (yaml package)";
}

/** Renders `dir` with the chosen engine. */
export function render(dir: string, options: RenderOptions = {}): Rendered {
  const engine = chosenEngine();
  const objects = engine === "kubectl kustomize" ? renderWithKubectl(dir, options) : renderFallback(dir);
  return { engine, objects };
}

/** `kubectl kustomize dir`, parsed. */
export function renderWithKubectl(dir: string, options: RenderOptions = {}): K8sObject[] {
  const args = ["kustomize", dir];
  if (options.loadRestrictionsNone) args.push("--load-restrictor", "LoadRestrictionsNone");
  const run = spawnSync("kubectl", args, { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return parseObjects(run.stdout, `kubectl kustomize ${dir}`);
}

/** Parses every non-empty YAML document of `text` as a Kubernetes object. */
export function parseObjects(text: string, source: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]!.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isObject(value) || typeof value.kind !== "string" || !isObject(value.metadata)) {
      throw new Error(`${source}: a document is not a Kubernetes object`);
    }
    objects.push(value as K8sObject);
  }
  return objects;
}

const SUPPORTED_KEYS = new Set(["apiVersion", "kind", "namespace", "resources", "configMapGenerator", "generatorOptions"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass"]);

/** The fallback renderer: the subset of kustomize that deploy/k8s uses, nothing more. */
export function renderFallback(dir: string): K8sObject[] {
  const kustomization = readKustomization(dir);
  for (const key of Object.keys(kustomization)) {
    if (!SUPPORTED_KEYS.has(key)) throw new Error(`${dir}: the fallback renderer does not implement kustomization field "${key}"`);
  }
  const objects: K8sObject[] = [];
  for (const entry of asStrings(kustomization.resources, `${dir}: resources`)) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${dir}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) objects.push(...renderFallback(path));
    else objects.push(...parseObjects(readFileSync(path, "utf8"), path));
  }
  objects.push(...generateConfigMaps(dir, kustomization));
  const namespace = kustomization.namespace;
  if (typeof namespace === "string") {
    const serviceAccounts = new Set(objects.filter((o) => o.kind === "ServiceAccount").map((o) => o.metadata.name));
    for (const object of objects) {
      if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = namespace;
      if (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding") {
        for (const subject of asArray(object.subjects)) {
          if (isObject(subject) && subject.kind === "ServiceAccount" && serviceAccounts.has(String(subject.name))) subject.namespace = namespace;
        }
      }
    }
  }
  return objects;
}

function generateConfigMaps(dir: string, kustomization: Record<string, unknown>): K8sObject[] {
  const generators = asArray(kustomization.configMapGenerator);
  if (generators.length === 0) return [];
  const options = isObject(kustomization.generatorOptions) ? kustomization.generatorOptions : {};
  for (const key of Object.keys(options)) {
    if (key !== "disableNameSuffixHash") throw new Error(`${dir}: the fallback renderer does not implement generatorOptions.${key}`);
  }
  if (options.disableNameSuffixHash !== true) throw new Error(`${dir}: the fallback renderer needs generatorOptions.disableNameSuffixHash: true`);
  return generators.map((generator) => {
    if (!isObject(generator) || typeof generator.name !== "string") throw new Error(`${dir}: a configMapGenerator entry has no name`);
    for (const key of Object.keys(generator)) {
      if (!["name", "files", "literals"].includes(key)) throw new Error(`${dir}: the fallback renderer does not implement configMapGenerator.${key}`);
    }
    const data: Record<string, string> = {};
    for (const file of asStrings(generator.files ?? [], `${generator.name}: files`)) {
      const [key, path] = file.includes("=") ? [file.slice(0, file.indexOf("=")), file.slice(file.indexOf("=") + 1)] : [basename(file), file];
      data[key] = readFileSync(resolve(dir, path), "utf8");
    }
    for (const literal of asStrings(generator.literals ?? [], `${generator.name}: literals`)) {
      const at = literal.indexOf("=");
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: generator.name }, data };
  });
}

/** The kustomization file of `dir`, parsed. */
export function readKustomization(dir: string): Record<string, unknown> {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((n) => join(dir, n)).find((p) => existsSync(p));
  if (!file) throw new Error(`${dir} has no kustomization.yaml`);
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const value: unknown = docs[0]?.toJS();
  if (!isObject(value)) throw new Error(`${file} is not a mapping`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asStrings(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new Error(`${what} must be a list of strings`);
  return value as string[];
}

/** Objects keyed `Kind/namespace/name`, for lookups and comparisons. */
export function byKey(objects: K8sObject[]): Map<string, K8sObject> {
  const map = new Map<string, K8sObject>();
  for (const o of objects) map.set(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o);
  return map;
}
