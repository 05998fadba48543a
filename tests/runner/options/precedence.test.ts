import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { lastJsonLine, runCli } from "../helpers/cli.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/count.ts", import.meta.url));

/** Runs the fixture and returns its iterations and vus_max. */
async function counts(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = await runCli(["run", "-q", ...args, FIXTURE], { env });
  assert.equal(r.code, 0, r.stderr);
  return lastJsonLine(r.stdout);
}

test("without flags the script's scenarios run", async () => {
  assert.deepEqual(await counts([]), { iterations: 1, vus_max: 1 });
});

test("K6_ITERATIONS overrides the script's scenarios, and --iterations overrides K6_ITERATIONS", async () => {
  const [env, both] = await Promise.all([counts([], { K6_ITERATIONS: "3" }), counts(["-i", "2"], { K6_ITERATIONS: "3" })]);
  assert.equal(env.iterations, 3);
  assert.equal(both.iterations, 2);
});

test("--vus with --iterations shares the iterations among that many VUs", async () => {
  assert.deepEqual(await counts(["--vus", "2", "--iterations", "4"]), { iterations: 4, vus_max: 2 });
});
