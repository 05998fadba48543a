// Pod termination, as xk6-disruptor's terminatePods: `count` pods (a number, or a percentage of
// the target's pods rounded to nearest, at least one) are chosen at random among the running ones and
// terminated now through the PodDriver. With `timeout`, waits up to that long for enough pods to
// be running first; with too few, answers 409 and terminates nothing. Then, as terminatePods,
// answers only once the terminated pods' processes have exited, waiting up to `timeout` (10 s
// without one, xk6-disruptor's default) from the kill; a pod still running then is a 504.
// Pods are seen through a PodDriver: the launcher adapts the gateway primary's IPC to it
// (`{type:"pods"}` updates, `{type:"terminate"}` orders); tests use a fake.
import { setTimeout as sleep } from "node:timers/promises";
import { formatDuration, quote as describe } from "../../../contracts/duration.ts";
import { ApiError, FieldError } from "../errors.ts";
import { readDuration, type Body } from "../fields.ts";
import { defineKind, type ApplyContext } from "./kind.ts";

/** One pod (a gateway worker process) as the controller sees it. */
export interface Pod { name: string; pid: number | null; status: "running" | "starting" | "terminated"; restarts: number }

/**
 * Lists a target's pods and terminates one by name (SIGKILL; its owner restarts it). list()
 * shows a killed pod's process gone only once it has exited: status "terminated" (pid null),
 * or, already restarted, another pid; a pod may also drop out of the list.
 */
export interface PodDriver { list(): Pod[]; terminate(name: string): void }

/** A normalized pod termination: a number of pods or a percentage, and a wait in milliseconds. */
export interface PodSpec { count: number | `${number}%`; timeoutMs: number }

// How often the pod list is polled while waiting for enough running pods, or for killed ones to exit.
const POLL_MS = 50;
const MAX_TIMEOUT_MS = 300_000;
// How long terminated pods get to exit when the request names no timeout (xk6-disruptor's default).
const EXIT_TIMEOUT_MS = 10_000;

/** The `pod` fault kind. */
export const podKind = defineKind<PodSpec>({
  kind: "pod",
  leased: false,
  fields: ["count", "timeout"],
  supports: (target) => target.pods !== undefined,
  parse: (body) => ({ count: readCount(body), timeoutMs: readDuration(body, "timeout", { fallback: 0, max: MAX_TIMEOUT_MS }) }),
  view: (spec) => ({ count: spec.count, timeout: formatDuration(spec.timeoutMs) }),
  async apply(ctx, spec) {
    const driver = ctx.target.pods;
    if (!driver) throw new Error(`target '${ctx.target.name}' has no pod driver`);
    const deadline = performance.now() + spec.timeoutMs;
    for (;;) {
      const pods = driver.list();
      const wanted = podsWanted(spec.count, pods.length);
      const running = pods.filter((p) => p.status === "running");
      if (running.length >= wanted) {
        const chosen = pickRandom(running, wanted);
        const names = chosen.map((p) => p.name);
        for (const name of names) driver.terminate(name);
        ctx.affected(names.length);
        ctx.logger.info({ fault: ctx.id, target: ctx.target.name, terminated: names }, "pods terminated");
        await awaitExit(ctx, driver, chosen, spec.timeoutMs > 0 ? spec.timeoutMs : EXIT_TIMEOUT_MS);
        return { end: () => {}, details: { terminated: names } };
      }
      if (performance.now() >= deadline || ctx.signal.aborted) {
        const waited = spec.timeoutMs > 0 ? ` after waiting ${formatDuration(spec.timeoutMs)}` : "";
        throw new ApiError("not_enough_pods", { target: ctx.target.name, running: running.length, wanted, waited });
      }
      await sleep(POLL_MS);
    }
  },
});

/**
 * Pods to terminate for `count` out of `total`: a percentage rounds to nearest (half up), and is at
 * least one, as xk6-disruptor's pkg/utils/kubernetes.go Sample does (math.Max(1, math.Round(...))).
 */
export function podsWanted(count: PodSpec["count"], total: number): number {
  if (typeof count === "number") return count;
  return Math.max(1, Math.round((Number(count.slice(0, -1)) * total) / 100));
}

// --- internal ---

/** Waits until every pod of `killed` has exited; throws pods_still_running after `timeoutMs`. */
async function awaitExit(ctx: ApplyContext, driver: PodDriver, killed: Pod[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = stillRunning(driver, killed);
    if (alive.length === 0) return;
    if (performance.now() >= deadline || ctx.signal.aborted) {
      const names = alive.map((p) => p.name).join(", ");
      throw new ApiError("pods_still_running", { target: ctx.target.name, alive: alive.length, count: killed.length, names, waited: formatDuration(timeoutMs) });
    }
    await sleep(POLL_MS);
  }
}

/** The pods of `killed` whose process `driver` still lists: same name, same pid, not terminated. */
function stillRunning(driver: PodDriver, killed: readonly Pod[]): Pod[] {
  const listed = new Map(driver.list().map((p) => [p.name, p]));
  return killed.filter((k) => {
    const now = listed.get(k.name);
    return now !== undefined && now.status !== "terminated" && now.pid === k.pid;
  });
}

function readCount(body: Body): PodSpec["count"] {
  const value = body.count;
  const accepted = 'a number of pods (integer >= 1) or a percentage string from "1%" to "100%", such as 1 or "50%"';
  if (value === undefined) throw new FieldError("count", accepted, "nothing", "missing_field");
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 10_000) return value;
  if (typeof value === "string" && /^([1-9]\d?|100)%$/.test(value)) return value as `${number}%`;
  throw new FieldError("count", accepted, describe(value));
}

function pickRandom(pods: Pod[], n: number): Pod[] {
  const pool = [...pods];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as Pod, pool[i] as Pod];
  }
  return pool.slice(0, n);
}
