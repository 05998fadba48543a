import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { startFakeProvider, type FakeProvider } from "./fake-provider.ts";
import { alive, httpOnce, startCluster } from "./cluster-harness.ts";

const CHAT = JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "hi" }] });

describe("cluster primary (main.ts as a child process)", () => {
  let provider: FakeProvider;
  let providers: string[];
  before(async () => {
    provider = await startFakeProvider("provider-a");
    providers = ["--provider-a", provider.url, "--provider-b", provider.url];
  });
  after(() => provider.close());

  test("a killed worker is replaced after --restart-delay while the other keeps answering", async () => {
    const rig = await startCluster(["--replicas", "2", "--restart-delay", "500ms", ...providers]);
    try {
      const first = await rig.waitForPods((p) => p.every((x) => x.status === "running"));
      assert.deepEqual(first.map((p) => p.name), ["ai-service-0", "ai-service-1"]);
      const oldPid = first[1]?.pid;
      rig.child.send({ type: "terminate", name: "ai-service-1" });
      await rig.waitForPods((p) => p[1]?.status === "terminated");
      const during = await Promise.all(Array.from({ length: 6 }, () => httpOnce(rig.port, "POST", "/v1/chat/completions", CHAT)));
      assert.deepEqual(during.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
      const ready = await httpOnce(rig.port, "GET", "/readyz");
      assert.equal(ready.status, 503);
      assert.deepEqual(JSON.parse(ready.text), { ready: false, pods: { ready: 1, desired: 2 } });
      const back = await rig.waitForPods((p) => p[1]?.status === "running" && p[1].restarts === 1);
      assert.notEqual(back[1]?.pid, oldPid);
      assert.equal(back[1]?.name, "ai-service-1", "the pod keeps its name");
      assert.equal((await httpOnce(rig.port, "GET", "/readyz")).status, 200);
      const pids = back.map((p) => p.pid ?? 0);
      await rig.stop();
      assert.ok(pids.every((pid) => !alive(pid)), "SIGTERM leaves no worker behind");
    } finally {
      await rig.stop();
    }
  });

  test("--fragile=restart: a killed worker stays dead and /readyz stays 503", async () => {
    const rig = await startCluster(["--replicas", "2", "--restart-delay", "100ms", "--fragile=restart", ...providers]);
    try {
      rig.child.send({ type: "terminate", name: "ai-service-0" });
      await rig.waitForPods((p) => p[0]?.status === "terminated");
      await sleep(600);
      assert.equal(rig.history.at(-1)?.[0]?.status, "terminated");
      assert.equal((await httpOnce(rig.port, "GET", "/readyz")).status, 503);
    } finally {
      await rig.stop();
    }
  });

  test("--fragile=validation: malformed JSON kills the worker that parsed it", async () => {
    const rig = await startCluster(["--replicas", "1", "--restart-delay", "200ms", "--fragile=validation", ...providers]);
    try {
      await assert.rejects(httpOnce(rig.port, "POST", "/v1/chat/completions", "{not json"));
      await rig.waitForPods((p) => p[0]?.status === "terminated");
      assert.match(rig.stderr(), /SyntaxError/, "the worker died of the uncaught parse error");
      const back = await rig.waitForPods((p) => p[0]?.status === "running" && p[0].restarts === 1);
      assert.equal(back[0]?.restarts, 1);
      assert.equal((await httpOnce(rig.port, "GET", "/healthz")).status, 200, "same port after the only pod was replaced");
    } finally {
      await rig.stop();
    }
  });

  test("malformed JSON without the switch → 400 and no pod dies", async () => {
    const rig = await startCluster(["--replicas", "1", ...providers]);
    try {
      assert.equal((await httpOnce(rig.port, "POST", "/v1/chat/completions", "{not json")).status, 400);
      await sleep(200);
      assert.ok(rig.history.every((p) => p[0]?.status !== "terminated"));
      const pid = rig.history.at(-1)?.[0]?.pid ?? 0;
      rig.child.disconnect();
      assert.equal(await rig.exited, 0, "the primary exits when its parent's IPC channel closes");
      await sleep(100);
      assert.equal(alive(pid), false, "and takes its worker with it");
    } finally {
      await rig.stop();
    }
  });

  test("SIGINT to the primary process alone (not its group): it stops its workers and exits 0, without an uncaught exception", async () => {
    const rig = await startCluster(["--replicas", "2", ...providers]);
    try {
      const pids = (await rig.waitForPods((p) => p.every((x) => x.status === "running"))).map((p) => p.pid ?? 0);
      rig.child.kill("SIGINT"); // kill(2) on the primary's pid only, as `kill -INT <pid>`: the workers get no signal
      assert.equal(await rig.exited, 0, rig.stderr());
      assert.doesNotMatch(rig.stderr(), /Error|EPIPE|Unhandled|throw/, "the primary died of an exception");
      assert.ok(pids.every((pid) => !alive(pid)), "no worker left behind");
    } finally {
      await rig.stop();
    }
  });

  test("bad flags → a message naming the flag and exit code 2", async () => {
    const main = fileURLToPath(new URL("../../../stack/gateway/main.ts", import.meta.url));
    const child = fork(main, ["--fragile=nope"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((ok) => child.once("exit", ok));
    assert.equal(code, 2);
    assert.match(stderr, /unknown fragility switch "nope": accepted are timeouts, retries/);
  });
});
