// Recovery and survival: the service comes back within the SLO after the fault, and it never
// crashes (health probes answer during the run and once more at teardown).
import { METRIC } from "../contracts/names.ts";
import { submetric, type Thresholds } from "./compose.ts";
import type { Slo } from "./slo.ts";

/** Recovered within recoverySecondsMax, and at least once (an empty Trend would pass silently). */
export function recovery(slo: Slo): Thresholds {
  return {
    [METRIC.recoverySeconds]: [`max<=${slo.recoverySecondsMax}`],
    [METRIC.recoveries]: ["count>=1"],
  };
}

/** Liveness probes answer (rate >= serviceAliveRate) and the final teardown probe answers. */
export function serviceAlive(slo: Slo): Thresholds {
  return {
    [METRIC.serviceAlive]: [`rate>=${slo.serviceAliveRate}`],
    [submetric(METRIC.serviceAlive, { probe: "final" })]: ["rate==1"],
  };
}
