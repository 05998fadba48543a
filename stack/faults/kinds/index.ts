// The registry of fault kinds. To add one, write kinds/<kind>.ts with defineKind() and list it
// here (README.md, "Adding a fault kind").
import { httpKind } from "./http.ts";
import type { FaultKind, TargetRuntime } from "./kind.ts";
import { networkKind } from "./network.ts";
import { podKind } from "./pod.ts";
import { stressKind } from "./stress.ts";

/** Every fault kind, in the order they are listed. */
export const KINDS: readonly FaultKind<unknown>[] = [httpKind, networkKind, podKind, stressKind];

/** The kind named `name`, or undefined. */
export function findKind(name: string): FaultKind<unknown> | undefined {
  return KINDS.find((k) => k.kind === name);
}

/** Names of the kinds `target` takes. */
export function kindsFor(target: TargetRuntime): string[] {
  return KINDS.filter((k) => k.supports(target)).map((k) => k.kind);
}
