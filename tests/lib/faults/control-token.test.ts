// FAULTS_TOKEN end to end: a k6 script (scripts/control-token.k6.ts) calls a token-protected
// fault controller on 127.0.0.1 through scenario-kit's pre-flight and the local backend, in the
// Node runner. The controller's own /healthz serves as BASE_URL, so nothing else is started.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createFaultController, type FaultController } from "../../../stack/faults/index.ts";
import { runCli, type CliResult } from "../../runner/helpers/cli.ts";

const SCRIPT = fileURLToPath(new URL("./scripts/control-token.k6.ts", import.meta.url));
const TOKEN = "right-token-0123456789abcdef";
const WRONG = "wrong-token-0123456789abcdef";
// The runner's start and one iteration take a few seconds on a busy 2-core machine (ms).
const RUN_LIMIT_MS = 30_000;

let fc: FaultController;
before(async () => {
  fc = await createFaultController({ apiPort: 0, token: TOKEN, logger: pino({ level: "silent" }), targets: [{ name: "provider-a", upstream: "127.0.0.1:1", listenPort: 0 }] });
});
after(() => fc.close());

/** Runs the script with `vars` as -e flags; FAULTS_TOKEN from this process's env never leaks in. */
function run(vars: Record<string, string>): Promise<CliResult> {
  const all = { BASE_URL: fc.apiUrl, FAULTS_URL: fc.apiUrl, SKIP_FAULTS: "0", FAULTS_TOKEN: "", ...vars };
  const flags = Object.entries(all).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  return runCli(["run", "-q", SCRIPT, ...flags], { env: { FAULTS_TOKEN: "" }, timeoutMs: RUN_LIMIT_MS });
}

async function activeFaults(): Promise<unknown[]> {
  const res = await fetch(`${fc.apiUrl}/faults`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(2_000) });
  return ((await res.json()) as { faults: unknown[] }).faults;
}

test("with FAULTS_TOKEN set to the controller's token, the pre-flight passes and the backend's reset ends the active fault", { timeout: RUN_LIMIT_MS + 5_000 }, async () => {
  const inject = await fetch(`${fc.apiUrl}/faults`, {
    method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(2_000),
    body: JSON.stringify({ kind: "http", target: "provider-a", duration: "60s", averageDelay: "10ms" }),
  });
  assert.equal(inject.status, 201);
  assert.equal((await activeFaults()).length, 1);
  const result = await run({ FAULTS_TOKEN: TOKEN });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(await activeFaults(), [], "the script's POST /reset was accepted");
});

test("without FAULTS_TOKEN, the pre-flight's 401 stops the run saying to set FAULTS_TOKEN to the controller's token", { timeout: RUN_LIMIT_MS + 5_000 }, async () => {
  const result = await run({});
  assert.equal(result.code, 107, result.stdout + result.stderr);
  assert.match(result.stderr + result.stdout, /the fault controller at http:\/\/127\.0\.0\.1:\d+ requires a token: set FAULTS_TOKEN to the controller's token/);
});

test("with the wrong FAULTS_TOKEN, the backend's call is refused with the controller's 401, and neither token is printed", { timeout: RUN_LIMIT_MS + 5_000 }, async () => {
  const result = await run({ FAULTS_TOKEN: WRONG, PREFLIGHT: "0" });
  const output = result.stdout + result.stderr;
  assert.equal(result.code, 107, output);
  assert.match(output, /refused \/reset: 401 .*"code":"unauthorized".*FAULTS_TOKEN is not the controller's token/);
  assert.ok(!output.includes(WRONG) && !output.includes(TOKEN), "no token in the run's output");
});
