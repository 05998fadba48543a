// What a fault backend implements. Both backends (local controller, k8s disruptor) export one
// `backend` of this shape; scripts/build.ts picks which one a bundle gets. Every inject call
// resolves when the fault has ended, as xk6-disruptor's calls block for their duration.
import type { HttpFault, NetworkFault, PodTermination, StressFault, Target } from "./model.ts";

/** One fault backend. Durations are milliseconds; specs arrive validated. */
export interface FaultBackend {
  /** "local" or "k8s", for log lines. */
  readonly name: string;
  /** HTTP faults on requests served by `target`, for `durationMs`. */
  injectHttpFault(target: Target, fault: HttpFault, durationMs: number): Promise<void>;
  /** Terminates pods of `target` now; resolves once the request is done. */
  terminatePods(target: Target, fault: PodTermination): Promise<void>;
  /** A network fault on `target`'s link, for `durationMs`. */
  injectNetworkFault(target: Target, fault: NetworkFault, durationMs: number): Promise<void>;
  /** CPU/memory stress on `target`, for `durationMs`. */
  injectStress(target: Target, fault: StressFault, durationMs: number): Promise<void>;
  /** Ends every fault this backend can end (teardown). */
  reset(): Promise<void>;
}
