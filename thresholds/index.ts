// Pass criteria for scenarios: the SLO and the builders that turn it into k6 thresholds.
export { compose, submetric, type Thresholds } from "./compose.ts";
export {
  answeredAsExpected, answersWithinDeadline, boundedDegradation, fastFailure, maskedErrors, noHangs, noServerErrors, saturationReached, streamIntegrity, wellFormedErrors,
} from "./degradation.ts";
export { loadSlo } from "./load-slo.ts";
export { maskedFaultCriteria, type MaskedFault } from "./masked-fault.ts";
export { overloadCriteria, type Overload } from "./overload.ts";
export { recovery, serviceAlive } from "./recovery.ts";
export { loadIntegrity, safetyAborts } from "./safety.ts";
export { envName, resolveSlo, SLO_DEFAULTS, type Slo, type SloKey } from "./slo.ts";
export { answerLatency, degradedLatency, llmLatency, steadyState, type Slice } from "./steady-state.ts";
export { faultCriteria, type FaultRun } from "./story.ts";
