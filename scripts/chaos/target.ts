// What the scenarios run against: the local stack, started here (stack/index.ts) and stopped at
// the end whatever happens; or, when BASE_URL is set, the user's own target, left alone.
import type { Stack, StackOptions } from "../../stack/index.ts";

// A reset answers at once on a live controller (ms); waiting longer only delays the next scenario.
const RESET_TIMEOUT_MS = 3_000;

/**
 * The part of stack/index.ts's `startStack` this module uses, derived from its own types (a
 * type-only import: nothing of the stack loads), so a change there fails type checking here.
 * Tests pass a fake of this shape.
 */
export type StartStack = (opts: Pick<StackOptions, "fragile" | "ports">) => Promise<{ urls: Pick<Stack["urls"], "aiService" | "faults">; stop: Stack["stop"] }>;

/** The target of a run. */
export interface Target {
  baseUrl: string;
  faultsUrl?: string;
  localStack: boolean;
  /** Clears every fault between scenarios (local stack only); resolves to a warning on failure. */
  reset(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * stack/index.ts, imported only when a local stack is wanted: a run against BASE_URL never loads
 * the stack's modules, and tests pass a fake StartStack instead.
 */
export async function importStartStack(): Promise<StartStack> {
  return (await import("../../stack/index.ts")).startStack;
}

/** POSTs `{faultsUrl}/reset`; a warning sentence when the controller did not answer 2xx. */
export async function resetFaults(faultsUrl: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${faultsUrl}/reset`, { method: "POST", signal: AbortSignal.timeout(RESET_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok ? undefined : `warning: POST ${faultsUrl}/reset answered ${res.status}`;
  } catch (err) {
    return `warning: POST ${faultsUrl}/reset failed: ${(err as Error).message}`;
  }
}

/** BASE_URL (and FAULTS_URL) from env when set; otherwise a local stack from `load()`. */
export async function openTarget(env: NodeJS.ProcessEnv, fragile: string[], load: () => Promise<StartStack>): Promise<Target> {
  const baseUrl = env.BASE_URL?.trim();
  if (baseUrl) {
    const faultsUrl = env.FAULTS_URL?.trim() || undefined;
    const own: Target = { baseUrl, localStack: false, reset: async () => undefined, stop: async () => {} };
    return faultsUrl ? { ...own, faultsUrl } : own;
  }
  // The stack's defaults (contracts/local-stack.ts) are what the scenarios assume, capacity included.
  const stack = await (await load())({ fragile, ports: "default" });
  const faultsUrl = stack.urls.faults.replace(/\/+$/, "");
  return {
    baseUrl: stack.urls.aiService.replace(/\/+$/, ""),
    faultsUrl,
    localStack: true,
    reset: () => resetFaults(faultsUrl),
    stop: () => stack.stop(),
  };
}
