// The fault controller: the local backend of lib/faults (see README.md).
export { createFaultController, type FaultController, type FaultControllerOptions, type TargetSpec } from "./controller.ts";
export type { Pod, PodDriver } from "./pods.ts";
export { parseBytes } from "./bytes.ts";
export { checkAccess } from "./auth.ts";
