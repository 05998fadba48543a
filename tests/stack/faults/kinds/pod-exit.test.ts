// Pod termination waits for the killed processes to exit, as xk6-disruptor's terminatePods
// waits for the pods to be gone: the answer comes only once the pid is gone, and a pod that
// outlives `timeout` is an error naming how many still run. The pods here are real child
// processes whose driver, like the gateway's, reports a pod terminated only on its exit event.
import assert from "node:assert/strict";
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { after, before, test } from "node:test";
import { pino } from "pino";
import { createFaultController, type FaultController, type Pod, type PodDriver } from "../../../../stack/faults/index.ts";
import { api } from "../harness.ts";

// A pod with a slow graceful shutdown: SIGTERM makes it exit after EXIT_MS (or never, with
// "ignore"). It exits on its own after 20 s or when this test process goes away.
const EXIT_MS = 400;
const POD = `
  const mode = process.argv[1]; // node -e CODE MODE: argv is [node, MODE]
  process.on("SIGTERM", () => { if (mode !== "ignore") setTimeout(() => process.exit(0), ${EXIT_MS}); });
  process.on("disconnect", () => process.exit(0));
  setTimeout(() => process.exit(0), 20_000);
  process.send("ready");
`;

/** Child processes as pods; terminate() sends SIGTERM, list() shows the exit once it happened. */
class ProcessPods implements PodDriver {
  readonly pods: Pod[] = [];
  readonly children: ChildProcess[] = [];
  /** Starts one pod; resolves once its SIGTERM handler is in place. */
  async add(mode: "slow" | "ignore"): Promise<Pod> {
    const child = fork("-e", [POD, mode], { execArgv: [], stdio: ["ignore", "ignore", "ignore", "ipc"] });
    await once(child, "message");
    const pod: Pod = { name: `ai-service-${this.pods.length}`, pid: child.pid ?? null, status: "running", restarts: 0 };
    child.on("exit", () => Object.assign(pod, { status: "terminated", pid: null }));
    this.pods.push(pod);
    this.children.push(child);
    return pod;
  }
  list(): Pod[] {
    return this.pods.filter((p) => p.status !== "terminated").map((p) => ({ ...p }));
  }
  terminate(name: string): void {
    this.children[this.pods.findIndex((p) => p.name === name)]?.kill("SIGTERM");
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let fc: FaultController;
const pods = new ProcessPods();
before(async () => {
  fc = await createFaultController({ apiPort: 0, logger: pino({ level: "silent" }), targets: [{ name: "ai-service", pods }] });
});
after(async () => {
  for (const child of pods.children) child.kill("SIGKILL");
  await fc.close();
});

test("a pod kill answers only after the killed pod's pid is gone", async () => {
  const pod = await pods.add("slow");
  const pid = pod.pid!;
  const started = performance.now();
  const res = await api(fc, "POST", "/faults", { kind: "pod", target: "ai-service", count: 1 });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  assert.deepEqual(res.json.terminated, [pod.name]);
  assert.equal(alive(pid), false, `pid ${pid} still alive when the kill was answered`);
  assert.ok(performance.now() - started >= EXIT_MS - 50, "answered before the pod could have exited");
});

test("a pod that outlives the timeout is a 504 naming how many still run", async () => {
  const pod = await pods.add("ignore");
  const started = performance.now();
  const res = await api(fc, "POST", "/faults", { kind: "pod", target: "ai-service", count: 1, timeout: "300ms" });
  assert.equal(res.status, 504, JSON.stringify(res.json));
  assert.equal(res.json.error.code, "pods_still_running");
  assert.match(res.json.error.message, new RegExp(`1 of the 1 pods terminated on target 'ai-service' \\(${pod.name}\\) had not exited after 300ms`));
  assert.ok(performance.now() - started >= 250, "gave up before the timeout");
  assert.equal(alive(pod.pid!), true);
});
