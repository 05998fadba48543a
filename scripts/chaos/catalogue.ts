// The scenario catalogue: every scenarios/*.ts file and its category. A scenario declares its
// category in a header comment, `// @category dependency-chaos`, within its first 20 lines: text
// that Node can read without evaluating a k6 script (whose k6/* imports only resolve inside an
// engine), and the same line the README's scenario table is generated from.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { UsageError } from "./usage-error.ts";

/** The seed's test categories plus `baseline`, in report order; `--category` accepts exactly these. */
export const CATEGORIES = [
  "baseline",
  "service-resilience",
  "network-chaos",
  "resource-chaos",
  "dependency-chaos",
  "pod-failure",
] as const;

/** One of CATEGORIES. */
export type Category = (typeof CATEGORIES)[number];

/** True when `name` is one of CATEGORIES. */
export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}

/** A scenario from the catalogue. */
export interface ScenarioEntry {
  name: string;
  category: Category | "uncategorized";
  /** Absolute path of scenarios/<name>.ts. */
  source: string;
}

const HEADER_LINES = 20;
const TAG = "@category";

/** Every scenario name in `dir` (its *.ts files but declarations, without `.ts`), sorted; none for a missing folder. */
export function scenarioNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).sort().map((f) => basename(f, ".ts"));
  } catch {
    return [];
  }
}

/** The category declared in a scenario's header; undefined when it has none. Throws on an unknown name. */
export function categoryOf(text: string, file: string): Category | undefined {
  for (const line of text.split("\n", HEADER_LINES)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("//")) continue;
    const at = trimmed.indexOf(TAG);
    if (at < 0) continue;
    const name = trimmed.slice(at + TAG.length).trim().split(/\s+/)[0] ?? "";
    if (isCategory(name)) return name;
    throw new UsageError(`${file}: "// ${TAG} ${name}" is not a category; use one of: ${CATEGORIES.join(", ")}`);
  }
  return undefined;
}

/** Every scenario in `dir`, sorted by name. A missing header gives `uncategorized` plus a warning. */
export function discoverScenarios(dir: string, warn: (line: string) => void = () => {}): ScenarioEntry[] {
  return scenarioNames(dir).map((name) => {
    const source = join(dir, `${name}.ts`);
    const category = categoryOf(readFileSync(source, "utf8"), source);
    if (!category) warn(`warning: ${source} has no "// ${TAG} NAME" header line; listed as uncategorized`);
    return { name, category: category ?? "uncategorized", source };
  });
}

/**
 * The scenarios to run: those named plus those in the categories given (all when neither is),
 * in catalogue order. Throws naming the known scenarios when a name is unknown or nothing is left.
 */
export function selectScenarios(catalogue: readonly ScenarioEntry[], names: readonly string[], categories: readonly Category[]): ScenarioEntry[] {
  const known = catalogue.map((s) => s.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown scenario${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; scenarios are: ${known.join(", ") || "(none)"}`);
  }
  if (names.length === 0 && categories.length === 0) {
    if (catalogue.length === 0) throw new UsageError("no scenarios found: scenarios/*.ts is empty");
    return [...catalogue];
  }
  const picked = catalogue.filter((s) => names.includes(s.name) || (categories as readonly string[]).includes(s.category));
  if (picked.length === 0) {
    const present = [...new Set(catalogue.map((s) => s.category))].join(", ");
    throw new UsageError(`no scenario in category ${categories.join(", ")}; categories with scenarios: ${present || "(none)"}`);
  }
  return picked;
}
