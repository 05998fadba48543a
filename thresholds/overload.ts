// The criteria of a service pushed past its capacity (a surge of long streams, with or without
// resource pressure). Shedding fails requests on purpose, so no error budget applies during the
// fault: how requests fail (at once, well formed) and how the admitted ones fare is judged.
import type { Kind } from "../contracts/names.ts";
import { compose, type Thresholds } from "./compose.ts";
import { fastFailure, noHangs, saturationReached } from "./degradation.ts";
import type { Slo } from "./slo.ts";
import { answerLatency, llmLatency } from "./steady-state.ts";
import { faultCriteria, type FaultRun } from "./story.ts";

/** The workload kinds an overload sheds: ordinary turns and the surge's long streams. */
const SHED_KINDS: readonly Kind[] = ["chat", "chat_stream", "long_stream"];

/** What an overload scenario adds to the shared criteria. */
export interface Overload {
  /** At least one 429: the surge alone is the fault, so a run that never reached capacity proves nothing. */
  mustSaturate?: boolean;
}

/**
 * faultCriteria with no error budget during the fault, fast failures for every shed kind,
 * admitted requests within the latency and TTFT SLO during the fault, and no hung long stream.
 */
export function overloadCriteria(slo: Slo, run: FaultRun, opts: Overload = {}): Thresholds {
  return compose(
    faultCriteria(slo, { ...run, maxErrorRate: null }),
    opts.mustSaturate ? saturationReached() : {},
    fastFailure(slo, SHED_KINDS),
    answerLatency(slo, { phases: ["during"] }),
    llmLatency(slo, { phases: ["during"] }),
    noHangs(slo, run.requestTimeoutMs, ["long_stream"]),
  );
}
