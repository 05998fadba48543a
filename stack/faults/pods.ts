// How the controller sees a target's pods. The launcher adapts the gateway primary's IPC
// (`{type:"pods"}` updates, `{type:"terminate"}` orders) to this interface; tests use a fake.

/** One pod (a gateway worker process) as the controller sees it. */
export interface Pod { name: string; pid: number | null; status: "running" | "starting" | "terminated"; restarts: number }

/**
 * Lists a target's pods and terminates one by name (SIGKILL; its owner restarts it). list()
 * shows a killed pod's process gone only once it has exited: status "terminated" (pid null),
 * or, already restarted, another pid; a pod may also drop out of the list.
 */
export interface PodDriver { list(): Pod[]; terminate(name: string): void }

/** The pods of `killed` whose process `driver` still lists: same name, same pid, not terminated. */
export function stillRunning(driver: PodDriver, killed: readonly Pod[]): Pod[] {
  const listed = new Map(driver.list().map((p) => [p.name, p]));
  return killed.filter((k) => {
    const now = listed.get(k.name);
    return now !== undefined && now.status !== "terminated" && now.pid === k.pid;
  });
}
