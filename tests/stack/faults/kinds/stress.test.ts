// Stress processes: spawned for the lease, gone after expiry, DELETE, reset and close().
import assert from "node:assert/strict";
import { test } from "node:test";
import { api, startRig, wait } from "../harness.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const stress = { kind: "stress", target: "ai-service", duration: "300ms", cpuLoad: 20, cpus: 1, memory: "8MiB" };

test("stress spawns cpu and memory processes that are gone after the lease expires", async () => {
  const rig = await startRig(1);
  try {
    const res = await api(rig.fc, "POST", "/faults", stress);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.cpus, res.json.cpuLoad, res.json.memoryBytes], [1, 20, 8 * 2 ** 20]);
    assert.equal(res.json.affected, 1, "affected is 1 once its processes run");
    const pids: number[] = res.json.pids;
    assert.equal(pids.length, 2);
    assert.ok(pids.every(alive), "children run during the lease");
    await wait(600);
    assert.ok(!pids.some(alive), "children are gone after expiry");
  } finally {
    await rig.close();
  }
});

test("POST /reset and close() kill stress processes before answering", async () => {
  const rig = await startRig(1);
  let closedPids: number[] = [];
  try {
    const first = await api(rig.fc, "POST", "/faults", { ...stress, duration: "30s", memory: undefined });
    assert.equal((await api(rig.fc, "POST", "/reset")).status, 204);
    assert.ok(!first.json.pids.some(alive), "gone after reset");
    closedPids = (await api(rig.fc, "POST", "/faults", { ...stress, duration: "30s" })).json.pids;
    assert.ok(closedPids.every(alive));
  } finally {
    await rig.close();
  }
  assert.ok(!closedPids.some(alive), "gone after close()");
});

test("a stress child exits on its own when its controller's IPC channel closes", async () => {
  const { fork } = await import("node:child_process");
  const worker = new URL("../../../../stack/faults/stress-worker.mjs", import.meta.url);
  const child = fork(worker, ["cpu", "10"], { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  await new Promise((resolve) => child.once("message", resolve));
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  child.disconnect();
  assert.equal(await exited, 0);
});
