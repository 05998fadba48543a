// A k6 script made runnable: bundled by esbuild into one CommonJS program, compiled once, and
// evaluated once per VU (each VU its own module state, as k6 gives each VU its own runtime).
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import vm from "node:vm";
import { build, type Plugin } from "esbuild";
import { ExitCode, RunError } from "../errors.ts";
import type { VU } from "../vu/vu.ts";
import type { VuTimers } from "../vu/timers.ts";

/** Rejects remote (jslib) imports at bundle time with a sentence that says what to do. */
const noRemoteImports: Plugin = {
  name: "k6-no-remote-imports",
  setup(b) {
    b.onResolve({ filter: /^https?:\/\// }, (args) => ({
      errors: [{ text: `remote module "${args.path}" cannot be imported by the Node runner: vendor it into the project (or bundle it from npm) and import it relatively` }],
    }));
  },
};

/**
 * Bundles a k6 script (a .ts/.js source or an ESM bundle) into one CommonJS program that can
 * be instantiated once per VU. k6 built-ins (`k6`, `k6/...`, `k6/x/...`) stay external and are
 * provided by the VU's `require`; `__VU`, `__ITER` and `__ENV` become reads of the VU object.
 */
export async function bundleScript(path: string): Promise<{ code: string; map: string }> {
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      external: ["k6"],
      plugins: [noRemoteImports],
      define: { __VU: "__k6vu.id", __ITER: "__k6vu.iterInInstance", __ENV: "__k6vu.env" },
      logLevel: "silent",
      keepNames: true,
      // An external map (not written): exception stacks are translated to source lines.
      sourcemap: "external",
      outfile: `${path}.bundle.js`,
    });
    const files = result.outputFiles;
    return { code: files.find((f) => f.path.endsWith(".js"))?.text ?? "", map: files.find((f) => f.path.endsWith(".map"))?.text ?? "" };
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const text = errors?.length
      ? errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join("\n")
      : (err as Error).message;
    throw new RunError(`could not load the script ${path}:\n${text}`, ExitCode.scriptException);
  }
}

/** The per-VU bindings a module instance is evaluated with. */
export interface InstanceBindings {
  require: (name: string) => unknown;
  timers: VuTimers;
  console: Pick<Console, "log" | "info" | "warn" | "error" | "debug">;
  open: (path: string, mode?: string) => string | ArrayBuffer;
  math: Math;
}

type Factory = (
  exports: object, require: unknown, module: { exports: object }, vu: VU,
  setTimeout: unknown, clearTimeout: unknown, setInterval: unknown, clearInterval: unknown,
  console: unknown, open: unknown, math: Math,
) => void;

/** The wrapper's head: the bundle's first line is shifted right by its length. */
const PREFIX = "(function (exports, require, module, __k6vu, setTimeout, clearTimeout, setInterval, clearInterval, console, open, Math) {";

/**
 * A compiled bundle: compiled once, evaluated once per VU so that each VU has its own module
 * state, as k6 gives every VU its own JS runtime.
 */
export class CompiledScript {
  private readonly factory: Factory;

  private readonly map: SourceMap | undefined;

  constructor(code: string, private readonly filename: string, sourceMap?: string) {
    const wrapped = `${PREFIX}${code}\n})`;
    this.factory = new vm.Script(wrapped, { filename }).runInThisContext() as Factory;
    this.map = sourceMap ? new SourceMap(JSON.parse(sourceMap) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  }

  /** Rewrites `filename:line:col` frames of the bundle to the original source positions. */
  mapStack(stack: string): string {
    const map = this.map;
    if (!map) return stack;
    const escaped = this.filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return stack.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, "g"), (whole, l: string, c: string) => {
      const line = Number(l) - 1;
      const column = Number(c) - 1 - (line === 0 ? PREFIX.length : 0);
      const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource === undefined || entry.originalLine === undefined) return whole;
      const source = resolve(dirname(this.filename), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
    });
  }

  /** Runs the init code for `vu` and returns its exports. Throws what the init code throws. */
  instantiate(vu: VU, b: InstanceBindings): Record<string, unknown> {
    const module = { exports: {} as object };
    const t = b.timers;
    this.factory.call(undefined, module.exports, b.require, module, vu, t.setTimeout, t.clearTimeout, t.setInterval, t.clearInterval, b.console, b.open, b.math);
    return module.exports as Record<string, unknown>;
  }
}
