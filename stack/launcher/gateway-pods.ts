// Adapts the gateway primary's IPC (`{type:"pods"}` updates in, `{type:"terminate"}` orders
// out) to the fault controller's PodDriver, the way a Kubernetes API would list and delete pods.
import type { ChildProcess } from "node:child_process";
import type { Pod, PodDriver } from "../faults/pods.ts";

/** The ai-service pods as last reported by the gateway primary. */
export class GatewayPods implements PodDriver {
  private pods: Pod[] = [];
  private primary: ChildProcess | null = null;

  /** Feeds one IPC message from the gateway primary; other messages are ignored. */
  onMessage = (message: unknown): void => {
    const m = message as { type?: string; pods?: Pod[] };
    if (m?.type === "pods" && Array.isArray(m.pods)) this.pods = m.pods;
  };

  /** Binds the driver to the started gateway primary. */
  attach(primary: ChildProcess): void {
    this.primary = primary;
  }

  list(): Pod[] {
    return this.pods.map((p) => ({ ...p }));
  }

  terminate(name: string): void {
    if (!this.primary?.connected) throw new Error("the ai-service gateway is not running");
    this.primary.send({ type: "terminate", name });
  }
}
