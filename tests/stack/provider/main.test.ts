import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { parseProviderArgs } from "../../../stack/provider/main.ts";

const script = fileURLToPath(new URL("../../../stack/provider/main.ts", import.meta.url));

test("provider flags accept Go-style durations and plain milliseconds", () => {
  const opts = parseProviderArgs(["--name", "provider-b", "--port", "0", "--ttft", "1s", "--itl", "7"]);
  assert.equal(opts.name, "provider-b");
  assert.equal(opts.ttftMs, 1000);
  assert.equal(opts.itlMs, 7);
});

test("a bad provider flag is refused with a sentence naming it and the accepted form", () => {
  assert.throws(() => parseProviderArgs(["--ttft", "soon"]), /--ttft must be a duration such as "30s".*or plain milliseconds.*; got "soon"/);
  assert.throws(() => parseProviderArgs(["--itl", "1h"]), /--itl must be at most 10m/);
  assert.throws(() => parseProviderArgs(["--port", "70000"]), /--port must be an integer from 0 to 65535/);
  assert.throws(() => parseProviderArgs(["--output-tokens", ""]), /--output-tokens must be an integer from 1/);
  assert.throws(() => parseProviderArgs(["--name", "Provider A"]), /--name must be a Kubernetes-style name/);
  assert.throws(() => parseProviderArgs(["--colour", "red"]), /Unknown option '--colour'/);
});

test("the provider process reports its port over IPC and exits when its parent's channel closes", async () => {
  const child = fork(script, ["--name", "provider-z", "--port", "0"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
  try {
    const [message] = (await once(child, "message")) as [{ type: string; port: number }];
    assert.equal(message.type, "listening");
    const res = await fetch(`http://127.0.0.1:${message.port}/healthz`);
    assert.equal(res.headers.get("x-provider"), "provider-z");
    await res.body?.cancel();
    const exited = once(child, "exit");
    child.disconnect();
    assert.deepEqual(await exited, [0, null]);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test("the provider process exits 2 on a bad flag, naming it on stderr", async () => {
  const child = fork(script, ["--ttft", "soon"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  assert.equal(code, 2);
  assert.match(stderr, /--ttft must be a duration .*; got "soon"/);
});
