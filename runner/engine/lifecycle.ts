import type { VU, Phase } from "../vu/vu.ts";

/**
 * Runs setup/teardown/handleSummary on VU 0 (`__VU` 0, group `::setup`/`::teardown`):
 * awaits the function and the VU's pending timers and requests. Rethrows its exception.
 */
export async function runLifecycle(vu: VU, phase: Exclude<Phase, "init" | "vu">, fnName: string, data: unknown): Promise<unknown> {
  const fn = vu.exports[fnName];
  if (typeof fn !== "function") return undefined;
  vu.phase = phase;
  vu.scenario = undefined;
  vu.group = `::${phase}`;
  let asyncError: { err: unknown } | undefined;
  vu.onAsyncError = (err) => { asyncError ??= { err }; };
  try {
    const result = await (fn as (d: unknown) => unknown)(data);
    await vu.drained();
    if (asyncError) throw asyncError.err;
    return result;
  } finally {
    vu.group = "";
  }
}
