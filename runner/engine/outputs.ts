import { UsageError } from "../errors.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import type { ThresholdSet } from "../thresholds/index.ts";
import { createJsonOutput } from "../output/json.ts";

/** Opens the `--out` outputs (only `json=FILE`) and subscribes them to every sample. */
export function openOutputs(specs: string[], registry: MetricRegistry, thresholds: ThresholdSet): { close(): Promise<void> } {
  const outputs = specs.map((spec) => {
    const eq = spec.indexOf("=");
    const type = eq === -1 ? spec : spec.slice(0, eq);
    const arg = eq === -1 ? "" : spec.slice(eq + 1);
    if (type !== "json") throw new UsageError(`invalid output type '${type}': the Node runner supports only json=FILE`);
    if (!arg) throw new UsageError("the json output needs a file name: --out json=FILE");
    return createJsonOutput(arg, { registry, thresholds });
  });
  const unsubscribe = outputs.map((o) => registry.onSample((s) => o.write(s)));
  return {
    async close() {
      unsubscribe.forEach((u) => u());
      await Promise.all(outputs.map((o) => o.close()));
    },
  };
}
