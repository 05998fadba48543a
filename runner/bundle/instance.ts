import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import vm from "node:vm";
import type { VU } from "../vu/vu.ts";
import type { VuTimers } from "../vu/timers.ts";

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
