import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { inspectScript } from "../../../runner/engine/inspect.ts";
import { runCli, SCRIPTS } from "../helpers/cli.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/inspect-plan.ts", import.meta.url));

test("inspect prints the script's options as k6 inspect marshals lib.Options, and its plan", async () => {
  const r = await runCli(["inspect", "-e", "RATE=7", FIXTURE]);
  assert.equal(r.code, 0, r.stderr);
  const { options, plan } = JSON.parse(r.stdout) as { options: Record<string, unknown>; plan: unknown };
  // lib/options.go: every field is marshalled, null when unset; `dns` is a struct of nulls.
  assert.equal(Object.keys(options).length, 41);
  assert.equal(options.vus, null);
  assert.deepEqual(options.dns, { ttl: null, select: null, policy: null });
  assert.deepEqual(options.tags, { team: "sre" });
  // lib/executor/base_config.go + constant_arrival_rate.go: base fields first, unset defaults stay
  // null (NewNullDuration(…, false)); lib/types/types.go: durations as Duration.String(), numbers as ms.
  assert.deepEqual(options.scenarios, {
    load: { executor: "constant-arrival-rate", startTime: null, gracefulStop: null, env: null, exec: "load", tags: null, rate: 7, timeUnit: null, duration: "1m30s", preAllocatedVUs: 2, maxVUs: 4 },
    ramp: { executor: "ramping-vus", startTime: "1.5s", gracefulStop: null, env: null, exec: null, tags: { kind: "ramp" }, startVUs: null, stages: [{ duration: "10s", target: 3 }], gracefulRampDown: null },
  });
  // metrics/thresholds.go thresholdConfig.MarshalJSON: a string unless abortOnFail.
  assert.deepEqual(options.thresholds, { http_req_failed: ["rate<0.01", { threshold: "rate<0.5", abortOnFail: true, delayAbortEval: "1m30s" }] });
  assert.deepEqual(plan, { name: "fixture", rate: 7, sawSystemEnv: false });
});

test("inspect passes the system env only with --include-system-env-vars (k6 inspect's default is off)", async () => {
  const env = { INSPECT_SYSTEM_VAR: "1" };
  const [off, on] = await Promise.all([runCli(["inspect", FIXTURE], { env }), runCli(["inspect", "--include-system-env-vars", FIXTURE], { env })]);
  assert.equal((JSON.parse(off.stdout) as { plan: { sawSystemEnv: boolean } }).plan.sawSystemEnv, false);
  assert.equal((JSON.parse(on.stdout) as { plan: { sawSystemEnv: boolean } }).plan.sawSystemEnv, true);
});

test("--execution-requirements consolidates, derives the scenarios and adds totalDuration and maxVUs", async () => {
  const { options } = await inspectScript(`${SCRIPTS}ok.ts`, {}, { executionRequirements: true, processEnv: { K6_ITERATIONS: "4" } });
  // internal/cmd/inspect.go inspectOutputWithExecRequirements; lib/executor/shared_iterations.go's 10m maxDuration + 30s gracefulStop.
  assert.deepEqual((options.scenarios as Record<string, Record<string, unknown>>).default?.iterations, 4);
  assert.equal(options.totalDuration, "10m30s");
  assert.equal(options.maxVUs, 1);
});

test("inspectScript returns the options in-process, and no plan key when the script exports none", async () => {
  const withPlan = await inspectScript(FIXTURE, { RATE: "3" });
  assert.deepEqual(withPlan.plan, { name: "fixture", rate: 3, sawSystemEnv: false });
  const without = await inspectScript(`${SCRIPTS}ok.ts`);
  assert.equal("plan" in without, false);
  assert.equal(without.options.iterations, 3);
});

test("an init exception exits 107 with its message, as run does; run's flags are refused", async () => {
  const [init, flag] = await Promise.all([runCli(["inspect", `${SCRIPTS}init-error.ts`]), runCli(["inspect", "--vus", "2", FIXTURE])]);
  assert.equal(init.code, 107);
  assert.match(init.stderr, /SyntaxError: .*JSON/);
  assert.equal(init.stdout, "");
  assert.equal(flag.code, 255);
  assert.match(flag.stderr, /unknown flag: --vus/);
});
