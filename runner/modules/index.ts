// The k6 modules a VU can import, each made for the VU on first use; k6/encoding and k6/metrics
// live here, k6, k6/http and k6/execution in their own files.
import type { MetricType } from "../metrics/registry.ts";
import type { VU } from "../vu/vu.ts";
import type { VuTimers } from "../vu/timers.ts";
import { executionModule } from "./execution.ts";
import { httpModule } from "./http/index.ts";
import { k6Module } from "./k6.ts";

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
    // A plain object (no __esModule): esbuild's interop then makes its default import the object
    // itself as a data property, so that `http.asyncRequest` costs no getter call per use.
    const mod = factory();
    cache.set(name, mod);
    return mod;
  };
}

type Encoding = "std" | "rawstd" | "url" | "rawurl";

function toBuffer(input: unknown): Buffer {
  if (typeof input === "string") return Buffer.from(input, "utf8");
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError("b64encode: input must be a string or an ArrayBuffer");
}

/** The `k6/encoding` module: base64 in k6's four variants. */
const encodingModule = {
  b64encode(input: unknown, encoding: Encoding = "std"): string {
    const buf = toBuffer(input);
    if (encoding === "url" || encoding === "rawurl") {
      const s = buf.toString("base64url");
      return encoding === "url" ? s.padEnd(Math.ceil(s.length / 4) * 4, "=") : s;
    }
    const s = buf.toString("base64");
    return encoding === "rawstd" ? s.replace(/=+$/, "") : s;
  },
  b64decode(input: string, encoding: Encoding = "std", format?: "s"): string | ArrayBuffer {
    const buf = Buffer.from(String(input), encoding === "url" || encoding === "rawurl" ? "base64url" : "base64");
    if (format === "s") return buf.toString("utf8");
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  },
};

/** The `k6/metrics` module for one VU: Counter, Gauge, Rate, Trend. */
function metricsModule(vu: VU): Record<string, unknown> {
  const rt = vu.runtime;
  const make = (type: MetricType) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (vu.phase !== "init") throw new Error("metrics must be declared in the init context");
        this.name = String(name);
        // Validates the name with k6's rule; declaring again with the same type returns the
        // same metric (every VU runs init).
        rt.registry.define(this.name, type, isTime ? "time" : "default");
      }
      add(value: unknown, tags?: Record<string, unknown>): boolean {
        // k6's ErrMetricsAddInInitContext (internal/js/modules/k6/metrics/metrics.go).
        if (vu.phase === "init") throw new Error("Adding to metrics in the init context is not supported");
        const v = Number(value);
        if (value === null || value === undefined || Number.isNaN(v)) {
          rt.logger.warn(`${this.name}: "${String(value)}" is an invalid value for metric '${this.name}', a number or a boolean value is expected`);
          return false;
        }
        rt.emit(this.name, v, vu.tagsWith(tags));
        return true;
      }
    };
  return { Counter: make("counter"), Gauge: make("gauge"), Rate: make("rate"), Trend: make("trend") };
}
