import { prng } from "../../contracts/prng.ts";
import type { VU } from "../vu/vu.ts";

const isAsync = (fn: unknown) => typeof fn === "function" && fn.constructor?.name === "AsyncFunction";

/** The `k6` module for one VU: check, fail, group, randomSeed; sleep refused. */
export function k6Module(vu: VU): Record<string, unknown> {
  const rt = vu.runtime;
  return {
    check(value: unknown, sets: Record<string, unknown>, tags?: Record<string, unknown>): boolean {
      if (vu.phase === "init") throw new Error("Using check() in the init context is not supported");
      let all = true;
      for (const [name, test] of Object.entries(sets ?? {})) {
        if (name.includes("::")) throw new Error("check and group names may not contain '::'");
        if (isAsync(test)) {
          throw new Error(`check "${name}" has an async function: check() only accepts synchronous functions; await the value first, then check it`);
        }
        const checkTags = vu.tagsWith(tags, name);
        let ok: boolean;
        try {
          ok = Boolean(typeof test === "function" ? test(value) : test);
        } catch (err) {
          rt.checks.record(name, false, checkTags);
          throw err;
        }
        rt.checks.record(name, ok, checkTags);
        all &&= ok;
      }
      return all;
    },
    fail(msg?: unknown): never {
      throw new Error(msg === undefined ? "" : String(msg));
    },
    group(name: string, fn: () => unknown): unknown {
      if (vu.phase === "init") throw new Error("Using group() in the init context is not supported");
      if (isAsync(fn)) throw new Error(`group("${name}") does not support async functions; tag the requests instead (params.tags, or exec.vu.metrics.tags)`);
      if (String(name).includes("::")) throw new Error("check and group names may not contain '::'");
      const outer = vu.group;
      vu.group = `${outer}::${name}`;
      const start = performance.now();
      try {
        return fn();
      } finally {
        if (rt.registry.has("group_duration")) rt.emit("group_duration", performance.now() - start, vu.currentTags());
        vu.group = outer;
      }
    },
    randomSeed(seed: number): void {
      vu.random = prng(Number(seed));
    },
    sleep(): never {
      return rt.unsupported("sleep() blocks the VU and is not supported by the Node runner; use `await new Promise((r) => setTimeout(r, ms))` with setTimeout from k6/timers instead");
    },
  };
}
