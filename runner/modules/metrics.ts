import type { MetricType } from "../metrics/registry.ts";
import type { VU } from "../vu/vu.ts";

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

/** The `k6/metrics` module for one VU: Counter, Gauge, Rate, Trend. */
export function metricsModule(vu: VU): Record<string, unknown> {
  const rt = vu.runtime;
  const make = (type: MetricType) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (vu.phase !== "init") throw new Error("metrics must be declared in the init context");
        if (!NAME.test(String(name))) throw new Error(`Invalid metric name: '${name}'; it must match ${NAME.source}`);
        this.name = String(name);
        // Declaring again with the same type returns the same metric (every VU runs init).
        rt.registry.define(this.name, type, isTime ? "time" : "default");
      }
      add(value: unknown, tags?: Record<string, unknown>): boolean {
        if (vu.phase === "init") throw new Error("Using metrics in the init context is not supported");
        const v = typeof value === "boolean" ? Number(value) : Number(value);
        if (value === null || value === undefined || Number.isNaN(v)) {
          rt.logger.warn(`${this.name}: "${String(value)}" is an invalid value for metric '${this.name}', a number or a boolean value is expected`);
          return false;
        }
        const extra = Object.fromEntries(Object.entries(tags ?? {}).map(([k, t]) => [k, String(t)]));
        rt.emit(this.name, v, { ...vu.currentTags(), ...extra });
        return true;
      }
    };
  return { Counter: make("counter"), Gauge: make("gauge"), Rate: make("rate"), Trend: make("trend") };
}
