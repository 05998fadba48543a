// How the controller sees a target's pods. The launcher adapts the gateway primary's IPC
// (`{type:"pods"}` updates, `{type:"terminate"}` orders) to this interface; tests use a fake.

/** One pod (a gateway worker process) as the controller sees it. */
export interface Pod { name: string; pid: number | null; status: "running" | "starting" | "terminated"; restarts: number }

/** Lists a target's pods and terminates one by name (SIGKILL; its owner restarts it). */
export interface PodDriver { list(): Pod[]; terminate(name: string): void }
