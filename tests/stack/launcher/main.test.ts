import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseStackArgs } from "../../../stack/main.ts";
import { alive, childrenOf, until } from "./processes.ts";

const script = fileURLToPath(new URL("../../../stack/main.ts", import.meta.url));

test("npm run stack flags map to stack options", () => {
  const opts = parseStackArgs(["--fragile=fallback,breaker", "--replicas=3", "--restart-delay=500ms", "--ttft=80", "--ephemeral-ports", "--quiet"]);
  assert.deepEqual(opts.fragile, ["fallback", "breaker"]);
  assert.equal(opts.replicas, 3);
  assert.equal(opts.restartDelayMs, 500);
  assert.deepEqual(opts.provider, { ttftMs: 80, itlMs: 5 });
  assert.equal(opts.ports, "ephemeral");
  assert.equal(opts.log, false);
  assert.equal(parseStackArgs([]).ports, "default");
});

test("bad npm run stack flags are refused naming the flag and what it accepts", () => {
  assert.throws(() => parseStackArgs(["--replicas=0"]), /--replicas must be an integer from 1 to 16/);
  assert.throws(() => parseStackArgs(["--ttft=fast"]), /--ttft must be a duration such as "30s".*or plain milliseconds.*; got "fast"/);
  assert.throws(() => parseStackArgs(["--fragile=retries,fallbak"]), /--fragile: unknown fragility switch "fallbak": accepted are timeouts, retries/);
  assert.throws(() => parseStackArgs(["--colour"]), /Unknown option '--colour'/);
});

test("npm run stack prints the endpoints, and on Ctrl-C (SIGINT to its process group) stops every process and exits 0", async () => {
  // detached: its own process group, so that a group SIGINT is what a terminal's Ctrl-C sends.
  const child = spawn(process.execPath, ["--import", "tsx", script, "--ephemeral-ports", "--quiet", "--replicas=1", "--fragile=retries"], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  try {
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    await until("the endpoints table", () => stdout.includes("fragile      retries"), 15_000);
    const base = /BASE_URL=(\S+)/.exec(stdout)?.[1];
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const children = childrenOf(child.pid!);
    assert.equal(children.length, 3, `two providers and the gateway primary, got ${children}`);
    const stackPids = [...children, ...children.flatMap(childrenOf)];
    assert.equal(stackPids.length, 4, `and the gateway's one worker, got ${stackPids}`);
    const exited = once(child, "exit");
    process.kill(-child.pid!, "SIGINT");
    assert.deepEqual(await exited, [0, null]);
    await until("the stack's processes to exit", () => stackPids.every((pid) => !alive(pid)), 5_000);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test("when a part dies on its own, npm run stack says which, stops the rest and exits 1", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", script, "--ephemeral-ports", "--quiet", "--replicas=1"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    await until("the endpoints table", () => output.includes("fragile      none"), 15_000);
    const children = childrenOf(child.pid!);
    const stackPids = [...children, ...children.flatMap(childrenOf)];
    const victim = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("provider-a"));
    assert.ok(victim, "provider-a's process");
    const exited = once(child, "exit");
    process.kill(victim, "SIGKILL");
    assert.deepEqual(await exited, [1, null]);
    assert.match(output, /provider-a exited unexpectedly \(SIGKILL\); stopping the stack/);
    await until("the stack's processes to exit", () => stackPids.every((pid) => !alive(pid)), 5_000);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});
