import cluster, { type Worker } from "node:cluster";
import type { GatewayLogger } from "./logger.ts";

/** A worker as the launcher's pod driver sees it. */
export interface Pod {
  name: string;
  pid: number | null;
  status: "running" | "starting" | "terminated";
  restarts: number;
}

/** Messages the primary sends its parent (the stack launcher). */
export type PrimaryMessage = { type: "listening"; port: number } | { type: "pods"; pods: Pod[] };

/** Messages the primary sends its workers. */
export interface ReadinessMessage {
  type: "readiness";
  ready: number;
  desired: number;
}

/** Cluster settings. */
export interface PrimaryOptions {
  exec: string;
  port: number;
  host: string;
  replicas: number;
  restartDelayMs: number;
  /** False under --fragile=restart. */
  restart: boolean;
  /** Environment every worker gets on top of the primary's. */
  env: Record<string, string>;
  /** The Kubernetes pod's name (POD_NAME from the downward API), when there is one; see podNames. */
  podName?: string | undefined;
  send: (msg: PrimaryMessage) => void;
  log: GatewayLogger;
  /** Called once if a worker dies before the first `listening` (bad configuration): stop, don't loop. */
  onStartupFailure: (reason: string) => void;
}

/** The running primary. */
export interface Primary {
  pods(): Pod[];
  terminate(name: string): boolean;
  /** Kills every worker; resolves once all have exited. */
  stop(): Promise<void>;
}

interface Slot extends Pod {
  index: number;
  worker: Worker | null;
}

/**
 * The workers' names, which /healthz, logs and metrics report. On Kubernetes (POD_NAME set) each
 * pod has its own name: one worker takes it as is, several are `<POD_NAME>-<i>`. Locally, where
 * the workers are the pods, they are `ai-service-<i>`.
 */
export function podNames(replicas: number, podName: string | undefined): string[] {
  const base = podName?.trim() ?? "";
  if (base === "") return Array.from({ length: replicas }, (_, i) => `ai-service-${i}`);
  return replicas === 1 ? [base] : Array.from({ length: replicas }, (_, i) => `${base}-${i}`);
}

/**
 * Runs `replicas` workers (named by podNames) that share one port, replacing dead ones after
 * `restartDelayMs`. Port 0: every worker listens with the same port argument, because node:cluster
 * hands all workers that ask for the same (address, port) the primary's one socket, so they share
 * the port the first one got. Only when no worker holds that socket any more (all dead) does the
 * next worker ask for the resolved port explicitly, so the port never changes.
 */
export function startPrimary(opts: PrimaryOptions): Primary {
  cluster.setupPrimary({ exec: opts.exec });
  const slots: Slot[] = podNames(opts.replicas, opts.podName).map((name, index) => ({ index, name, pid: null, status: "starting", restarts: 0, worker: null }));
  let portArg = opts.port;
  let resolvedPort: number | null = null;
  let announced = false;
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();

  const pods = (): Pod[] => slots.map(({ name, pid, status, restarts }) => ({ name, pid, status, restarts }));
  const changed = (): void => {
    const ready = slots.filter((s) => s.status === "running").length;
    const msg: ReadinessMessage = { type: "readiness", ready, desired: opts.replicas };
    // While stopping every worker is being killed: nobody to tell. Otherwise a worker may still die
    // between isConnected() and the write (EPIPE); the callback takes that error, which would
    // otherwise be thrown as the worker's unhandled 'error' event and kill the primary.
    if (!stopping) for (const s of slots) if (s.worker?.isConnected()) s.worker.send(msg, (err) => err && opts.log.debug({ event: "readiness_unsent", name: s.name, err: err.message }));
    opts.send({ type: "pods", pods: pods() });
  };

  const fork = (slot: Slot): void => {
    if (!slots.some((s) => s.status === "running") && resolvedPort !== null) portArg = resolvedPort;
    const worker = cluster.fork({ ...opts.env, POD_NAME: slot.name, GATEWAY_PORT: String(portArg), GATEWAY_HOST: opts.host });
    Object.assign(slot, { worker, pid: worker.process.pid ?? null, status: "starting" });
    // Any other failure of the channel to a worker (a dying pod) is logged, never fatal to the primary.
    worker.on("error", (err) => opts.log.warn({ event: "pod_error", name: slot.name, err: err.message }));
    worker.on("listening", (address) => {
      slot.status = "running";
      resolvedPort ??= address.port;
      opts.log.info({ event: "pod_running", name: slot.name, pid: slot.pid, port: address.port });
      // The first pod to listen owns the shared socket; the never-started others may now join it.
      for (const s of slots) if (s.worker === null && s.status === "starting") fork(s);
      changed();
      if (!announced && slots.every((s) => s.status === "running")) {
        announced = true;
        opts.send({ type: "listening", port: resolvedPort });
      }
    });
    worker.on("exit", (code, signal) => {
      const wasRunning = slot.status === "running";
      Object.assign(slot, { status: "terminated", pid: null, worker: null });
      opts.log.warn({ event: "pod_exit", name: slot.name, code, signal, restart: opts.restart && !stopping });
      if (!announced && !wasRunning && !stopping) return opts.onStartupFailure(`${slot.name} exited (code ${code}, signal ${signal}) before listening`);
      changed();
      if (stopping || !opts.restart) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopping) return;
        slot.restarts += 1;
        fork(slot);
        changed();
      }, opts.restartDelayMs);
      timers.add(timer);
    });
  };

  fork(slots[0] as Slot);
  changed();
  return {
    pods,
    terminate(name) {
      const slot = slots.find((s) => s.name === name);
      if (!slot?.worker) return false;
      slot.worker.process.kill("SIGKILL");
      return true;
    },
    async stop() {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      const live = slots.flatMap((s) => (s.worker ? [s.worker] : []));
      await Promise.all(live.map((w) => new Promise<void>((ok) => (w.process.exitCode !== null ? ok() : (w.once("exit", () => ok()), w.process.kill("SIGKILL"))))));
    },
  };
}
