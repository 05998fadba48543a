// FAULTS_HOST and FAULTS_TOKEN in the launcher: bad values stop it before any process starts,
// and a stack whose controller listens on 0.0.0.0 with a token works end to end while its fault
// API refuses calls without the token. All traffic goes to 127.0.0.1.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStack, type Stack, type StackOptions } from "../../../stack/index.ts";
import { faultsAccessFromEnv, resolveFaultsAccess } from "../../../stack/faults/auth.ts";
import { describeStack } from "../../../stack/main.ts";
import { childrenOf } from "./processes.ts";

const script = fileURLToPath(new URL("../../../stack/main.ts", import.meta.url));
const TOKEN = "launcher-token-0123456789";

test("FAULTS_HOST defaults to 127.0.0.1, FAULTS_TOKEN to none, and empty values count as unset", () => {
  assert.deepEqual(faultsAccessFromEnv({}), { faultsHost: "127.0.0.1" });
  assert.deepEqual(faultsAccessFromEnv({ FAULTS_HOST: " ", FAULTS_TOKEN: "" }), { faultsHost: "127.0.0.1" });
  assert.deepEqual(faultsAccessFromEnv({ FAULTS_HOST: "0.0.0.0", FAULTS_TOKEN: TOKEN }), { faultsHost: "0.0.0.0", faultsToken: TOKEN });
  assert.deepEqual(faultsAccessFromEnv({ FAULTS_HOST: "::1" }), { faultsHost: "::1" });
});

test("bad FAULTS_HOST or FAULTS_TOKEN values are refused naming the variable and what it accepts, never quoting the token", () => {
  assert.throws(() => resolveFaultsAccess("my host", undefined), /^Error: FAULTS_HOST must be an IP address to listen on: 127\.0\.0\.1 \(default\) .*; got "my host"$/);
  assert.throws(() => resolveFaultsAccess("0.0.0.0", undefined), /would listen on "0\.0\.0\.0", which is not loopback .*needs a token \(FAULTS_TOKEN/);
  assert.throws(() => faultsAccessFromEnv({ FAULTS_TOKEN: "s3cr3t" }), (err: Error) => /^the fault controller's token \(FAULTS_TOKEN\) must be at least 16 characters/.test(err.message) && !err.message.includes("s3cr3t"));
});

test("startStack refuses a non-loopback faultsHost without a token before starting any process", async () => {
  await assert.rejects(startStack({ ports: "ephemeral", faultsHost: "0.0.0.0" }), /would listen on "0\.0\.0\.0", which is not loopback/);
  assert.deepEqual(childrenOf(process.pid), []);
});

test("npm run stack with FAULTS_HOST=0.0.0.0 and no FAULTS_TOKEN exits 2 with the sentence, starting nothing", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", script, "--ephemeral-ports", "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FAULTS_HOST: "0.0.0.0", FAULTS_TOKEN: "" },
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  try {
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, "exit");
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^the fault controller would listen on "0\.0\.0\.0", which is not loopback/);
  } finally {
    clearTimeout(timer);
  }
});

describe("a stack whose fault controller listens on 0.0.0.0 with a token", () => {
  let stack: Stack;
  const opts: StackOptions = { ports: "ephemeral", replicas: 1, faultsHost: "0.0.0.0", faultsToken: TOKEN };
  before(async () => {
    stack = await startStack(opts);
  });
  after(() => stack?.stop());

  test("its fault API answers 401 without the token and 200 with it, dialled on loopback", async () => {
    assert.match(stack.urls.faults, /^http:\/\/127\.0\.0\.1:\d+$/);
    const denied = await fetch(`${stack.urls.faults}/targets`, { signal: AbortSignal.timeout(2_000) });
    assert.equal(denied.status, 401);
    await denied.body?.cancel();
    const allowed = await fetch(`${stack.urls.faults}/targets`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(2_000) });
    assert.equal(allowed.status, 200);
    const { targets } = (await allowed.json()) as { targets: { name: string; link?: string }[] };
    assert.match(targets.find((t) => t.name === "provider-a")?.link ?? "", /^0\.0\.0\.0:\d+$/, "the links listen where the API does");
  });

  test("the gateway still reaches the providers through the links", async () => {
    const res = await fetch(`${stack.urls.aiService}/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(5_000),
      body: JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "hello" }], max_tokens: 4 }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-provider"), "provider-a");
    await res.body?.cancel();
  });

  test("the endpoints table says where the API listens and that it needs FAULTS_TOKEN, without printing the token", () => {
    const table = describeStack(stack, opts);
    assert.match(table, /fault API {4}FAULTS_URL=http:\/\/127\.0\.0\.1:\d+ {3}listening on 0\.0\.0\.0 {3}token required \(FAULTS_TOKEN\)/);
    assert.ok(!table.includes(TOKEN));
  });
});
