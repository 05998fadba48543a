// `npm run build [-- NAME...]`: bundles each scenarios/<name>.ts into one k6 script per flavor,
// build/local/<name>.js (faults through the local controller; also the k6 Cloud flavor) and
// build/k8s/<name>.js (faults through k6/x/disruptor). The flavors differ only in which fault
// backend lib/faults/backend.ts resolves to. Type checking is `tsc --noEmit`'s job: esbuild,
// like k6's own .ts support, only strips types.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { scenarioNames } from "./chaos/catalogue.ts";

/** Bundle flavors: one output folder each. */
export const FLAVORS = ["local", "k8s"] as const;
/** One of FLAVORS. */
export type Flavor = (typeof FLAVORS)[number];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BACKEND = join(ROOT, "lib", "faults", "backend.ts");

/**
 * The build-time alias of the fault backend. esbuild's `alias` option only takes package names,
 * so this plugin does the same for our relative import: lib/faults/backend.ts (which is the local
 * backend when unbundled) becomes backend-<flavor>.ts in the bundle.
 */
export function faultsBackendAlias(flavor: Flavor, backendFile = BACKEND): Plugin {
  return {
    name: "faults-backend-alias",
    setup(b) {
      b.onResolve({ filter: /(^|\/)backend\.ts$/ }, (args) => {
        if (resolve(args.resolveDir, args.path) !== backendFile) return undefined;
        return { path: join(dirname(backendFile), `backend-${flavor}.ts`) };
      });
    },
  };
}

/** esbuild options for one flavor; every choice says why. */
export function buildOptions(flavor: Flavor, entryPoints: string[], outDir: string, backendFile = BACKEND): BuildOptions {
  return {
    entryPoints,
    outdir: join(outDir, flavor),
    entryNames: "[name]",
    // k6 resolves imports like a browser (no node_modules): lib/ and thresholds/ are inlined.
    bundle: true,
    // ESM keeps the named exports k6 looks up: options, setup, teardown, load, disrupt, probe.
    format: "esm",
    // k6's runtime is browser-like: no Node built-ins, so a stray `node:` import fails the build.
    platform: "browser",
    // Sobek (k6's engine) runs ES2020 reliably; newer syntax (e.g. `??=`) is lowered.
    target: "es2020",
    // k6 modules (k6/http, k6/x/disruptor…) and remote jslib URLs are provided at run time.
    external: ["k6", "k6/*", "https://*"],
    // Inline maps travel inside `k6 archive` and cloud uploads (a linked .map file may not);
    // k6 reads them for stack traces, which need the mappings, not the sources.
    sourcemap: "inline",
    sourcesContent: false,
    // Readable bundles: k6 error messages and the cloud script view show this code.
    minify: false,
    charset: "utf8",
    logLevel: "warning",
    plugins: [faultsBackendAlias(flavor, backendFile)],
  };
}

/** What one build produced. */
export interface BuildReport {
  scenarios: string[];
  outputs: string[];
  message: string;
}

/** Builds `names` (default: every scenarios/*.ts) for each flavor into `outDir`/<flavor>/. */
export async function buildScenarios(opts: { scenariosDir?: string; outDir?: string; names?: string[]; flavors?: readonly Flavor[]; backendFile?: string } = {}): Promise<BuildReport> {
  const scenariosDir = opts.scenariosDir ?? join(ROOT, "scenarios");
  const outDir = opts.outDir ?? join(ROOT, "build");
  let scenarios = scenarioNames(scenariosDir);
  if (opts.names && opts.names.length > 0) {
    const unknown = opts.names.filter((n) => !scenarios.includes(n));
    if (unknown.length > 0) throw new Error(`no scenario named ${unknown.join(", ")} in ${scenariosDir}`);
    scenarios = opts.names;
  }
  if (scenarios.length === 0) return { scenarios, outputs: [], message: `no scenarios in ${scenariosDir}: nothing to build` };
  const entries = scenarios.map((s) => join(scenariosDir, `${s}.ts`));
  const outputs: string[] = [];
  for (const flavor of opts.flavors ?? FLAVORS) {
    await build(buildOptions(flavor, entries, outDir, opts.backendFile));
    outputs.push(...scenarios.map((s) => join(outDir, flavor, `${s}.js`)));
  }
  return { scenarios, outputs, message: `built ${scenarios.length} scenario(s) × ${(opts.flavors ?? FLAVORS).length} flavor(s) into ${outDir}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const report = await buildScenarios({ names: process.argv.slice(2) });
    console.log(report.message);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
