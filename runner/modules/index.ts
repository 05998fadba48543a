import type { VU } from "../vu/vu.ts";
import type { VuTimers } from "../vu/timers.ts";
import { encodingModule } from "./encoding.ts";
import { executionModule } from "./execution.ts";
import { httpModule } from "./http/index.ts";
import { k6Module } from "./k6.ts";
import { metricsModule } from "./metrics.ts";

/** Wraps a module object so that esbuild's CJS interop sees both default and named exports. */
function esm(api: object): Record<string, unknown> {
  return { __esModule: true, default: api, ...api };
}

/**
 * The `require` a VU's bundle gets: k6 built-in modules only, each instantiated for this VU
 * on first use. Anything else fails as in k6, where there is no Node module resolution.
 */
export function createRequire(vu: VU, timers: VuTimers): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  const factories: Record<string, () => object> = {
    k6: () => k6Module(vu),
    "k6/http": () => httpModule(vu),
    "k6/metrics": () => metricsModule(vu),
    "k6/execution": () => executionModule(vu),
    "k6/timers": () => timers,
    "k6/encoding": () => encodingModule,
  };
  return (name: string) => {
    const hit = cache.get(name);
    if (hit) return hit;
    const factory = factories[name];
    if (!factory) {
      const hint = name.startsWith("k6/x/") ? " (k6 extensions need a k6 binary built with xk6)" : "";
      throw new Error(`unknown module: ${name}: the Node runner supports ${Object.keys(factories).join(", ")}${hint}`);
    }
    const mod = esm(factory());
    cache.set(name, mod);
    return mod;
  };
}
