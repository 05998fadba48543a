import { performance } from "node:perf_hooks";
import { TestAbortError } from "../errors.ts";
import type { VU } from "../vu/vu.ts";

/** The `k6/execution` module for one VU (default export `exec`). */
export function executionModule(vu: VU): Record<string, unknown> {
  const rt = vu.runtime;
  const scenario = () => {
    if (!vu.scenario) throw new Error("getting scenario information outside of the VU context is not supported");
    return vu.scenario;
  };
  const exec = {
    instance: {
      get vusActive() { return rt.vusActive(); },
      get vusInitialized() { return rt.vusInitialized(); },
      get iterationsCompleted() { return rt.iterationsCompleted(); },
      get iterationsInterrupted() { return rt.iterationsInterrupted(); },
      get currentTestRunDuration() { return performance.now() - rt.startedAt; },
    },
    scenario: {
      get name() { return scenario().name; },
      get executor() { return scenario().executor; },
      get startTime() { return scenario().startTime; },
      get progress() { return scenario().progress(); },
      get iterationInInstance() { scenario(); return vu.iterInTest; },
      get iterationInTest() { scenario(); return vu.iterInTest; },
    },
    vu: {
      get idInInstance() { return vu.id; },
      get idInTest() { return vu.id; },
      get iterationInInstance() { return vu.iterInInstance; },
      get iterationInScenario() { return vu.iterInScenario; },
      metrics: { tags: vu.tags, metadata: vu.metadata },
      /** Deprecated alias of metrics.tags, still supported by k6. */
      tags: vu.tags,
    },
    test: {
      abort(reason?: unknown): never {
        const msg = reason === undefined ? "" : String(reason);
        rt.abort(msg);
        throw new TestAbortError(msg);
      },
      fail(reason?: unknown): void {
        rt.markFailed(reason === undefined ? "" : String(reason));
      },
      get options() { return rt.options; },
    },
  };
  return exec;
}
