// The cluster primary tells its workers the pod counts on every change. A worker can die between
// the primary's last look at its channel and the write (it was killed at the same moment as
// another, as on SIGINT to the primary alone): the write then fails with EPIPE, which must not kill
// the primary. The race is made certain here: while the primary handles one pod's exit (inside its
// log call, before it broadcasts), the other pod is killed and waited for until it is a zombie, so
// its channel is closed before the primary has read its end.
import assert from "node:assert/strict";
import cluster from "node:cluster";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { parseCli } from "../../../stack/gateway/cli.ts";
import { startPrimary, type PrimaryMessage } from "../../../stack/gateway/cluster.ts";
import { startFakeProvider, type FakeProvider } from "./fake-provider.ts";

const MAIN = fileURLToPath(new URL("../../../stack/gateway/main.ts", import.meta.url));

// Gone, or a zombie whose every thread has exited: its files (its IPC channel) are closed. (The
// main thread of a node process is a zombie before its other threads are done, and the files are
// closed only with the last one.)
function dead(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).length === 1 && /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

let provider: FakeProvider;
before(async () => {
  provider = await startFakeProvider("provider-a");
});
after(() => provider.close());

test("a worker that dies while the primary tells it the pod counts does not crash the primary (EPIPE is taken)", async () => {
  const logs: Array<Record<string, unknown>> = [];
  let onPodExit: (() => void) | undefined;
  const log = pino({ level: "debug" }, {
    write: (line: string) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.event === "pod_exit") onPodExit?.();
    },
  });
  const messages: PrimaryMessage[] = [];
  const worker = parseCli(["--provider-a", provider.url, "--provider-b", provider.url]).worker;
  // Workers run main.ts under tsx, whatever flags this test process was started with.
  cluster.setupPrimary({ execArgv: ["--import", "tsx"], silent: true });
  const primary = startPrimary({
    exec: MAIN, port: 0, host: "127.0.0.1", replicas: 2, restartDelayMs: 60_000, restart: false,
    env: { GATEWAY_OPTIONS: JSON.stringify(worker), GATEWAY_LOG_LEVEL: "silent" },
    send: (msg) => void messages.push(msg), log,
    onStartupFailure: (reason) => assert.fail(reason),
  });
  try {
    await waitFor(() => messages.some((m) => m.type === "listening"));
    const [a, b] = primary.pods();
    assert.ok(a?.pid && b?.pid);
    let window = "";
    onPodExit = () => {
      onPodExit = undefined;
      process.kill(b.pid!, "SIGKILL");
      const until = Date.now() + 5000;
      while (!dead(b.pid!) && Date.now() < until); // synchronous: the primary cannot read b's channel meanwhile
      window = `${b.name} dead: ${dead(b.pid!)}, still ${primary.pods()[1]?.status} to the primary`;
    };
    primary.terminate(a.name);
    await waitFor(() => primary.pods().every((p) => p.status === "terminated"));
    assert.equal(window, "ai-service-1 dead: true, still running to the primary", "the race was set up");
    assert.ok(logs.some((l) => l.event === "readiness_unsent" && l.name === "ai-service-1"), "the write to the dead pod failed and was taken");
  } finally {
    await primary.stop();
  }
});

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out after ${ms} ms`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}
