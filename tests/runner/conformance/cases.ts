// The conformance table: each script in this folder, the exit code and the --summary-export
// figures it must produce, and where k6 does it. npm test runs every row under the Node runner
// (../conformance.test.ts); CI's k6-parity job runs them under k6 and the runner (check.ts) and
// fails on any difference. runner/CONFORMANCE.md lists the same rows by semantic.

/** A figure's accepted range, inclusive; `null` for a metric that must not be in the summary. */
export type Figures = Record<string, Record<string, [number, number]> | null>;

export interface Case {
  script: string;
  exit: number;
  why: string;
  /** Where k6 does this: a path in grafana/k6 or a docs URL. */
  k6: string;
  args?: string[];
  figures?: Figures;
  /** SIGTERM the engine this long after it starts. */
  signalAfterMs?: number;
  /** A deliberate difference: the row runs under this engine only (CONFORMANCE.md says why). */
  only?: "node";
}

const absent = null;
const exactly = (n: number): [number, number] => [n, n];

export const CASES: Case[] = [
  { script: "ok.ts", exit: 0, why: "passing checks and thresholds exit 0", k6: "internal/cmd/run.go",
    figures: { http_reqs: { count: exactly(3) }, checks: { passes: exactly(3), fails: exactly(0) } } },
  { script: "thresholds-fail.ts", exit: 99, why: "a threshold crossed at the end exits 99",
    k6: "internal/cmd/run.go handleFinalThresholdCalculation", figures: { http_req_failed: { value: exactly(1) } } },
  { script: "abort-on-fail.ts", exit: 99, why: "abortOnFail stops the test at the first 2 s evaluation; teardown still runs",
    k6: "internal/metrics/engine/engine.go (thresholdsRate 2 s), internal/execution/scheduler.go Run", figures: { iterations: { count: [30, 100] } } },
  { script: "abort-delay.ts", exit: 99, why: "abortOnFail waits until delayAbortEval < elapsed: the 4 s evaluation, not the 2 s one",
    k6: "metrics/thresholds.go Run (AbortGracePeriod), internal/metrics/engine/engine.go", figures: { iterations: { count: [25, 45] } } },
  { script: "bad-executor.ts", exit: 104, why: "an unknown executor is invalid config, before any request", k6: "lib/executors.go GetParsedConfig; internal/cmd/config.go" },
  { script: "bad-threshold-expression.ts", exit: 104, why: "a malformed threshold expression is rejected before setup sends anything", k6: "internal/cmd/test_load.go consolidateDeriveAndValidateConfig" },
  { script: "bad-threshold-aggregation.ts", exit: 104, why: "p(95) on a counter is rejected", k6: "metrics/thresholds.go Validate" },
  { script: "unknown-threshold-metric.ts", exit: 104, why: "a threshold on an undeclared metric is rejected", k6: "internal/metrics/engine/engine.go InitSubMetricsAndThresholds" },
  { script: "negative-duration.ts", exit: 104, why: "a negative duration is invalid config", k6: "lib/executor/constant_vus.go Validate" },
  { script: "shortcut-conflict.ts", exit: 104, why: "iterations together with stages conflict", k6: "lib/executor/execution_config_shortcuts.go" },
  { script: "missing-exec.ts", exit: 104, why: "a scenario exec that is not exported is invalid config", k6: "internal/cmd/config.go validateScenarioConfig" },
  { script: "init-error.ts", exit: 107, why: "an exception in init code is a script error", k6: "internal/cmd/test_load.go (ScriptException)" },
  { script: "setup-error.ts", exit: 107, why: "an exception in setup() exits 107 and teardown does not run",
    k6: "internal/execution/scheduler.go Run", figures: { teardown_ran: absent, iterations: absent } },
  { script: "setup-abort.ts", exit: 108, why: "exec.test.abort() in setup() exits 108 and teardown does not run",
    k6: "internal/execution/scheduler.go Run", figures: { teardown_ran: absent, iterations: absent } },
  { script: "setup-timeout.ts", exit: 100, why: "setup() past setupTimeout exits 100, without iterations or teardown",
    k6: "internal/js/runner.go Setup, internal/js/timeout_error.go", figures: { teardown_ran: absent, iterations: absent } },
  { script: "teardown-timeout.ts", exit: 101, why: "teardown() past teardownTimeout exits 101",
    k6: "internal/js/runner.go Teardown, internal/js/timeout_error.go", figures: { iterations: { count: exactly(1) } } },
  { script: "test-abort.ts", exit: 108, why: "exec.test.abort() exits 108 and teardown still runs",
    k6: "internal/js/modules/k6/execution/execution.go; internal/execution/scheduler.go Run", figures: { teardown_ran: { count: exactly(1) } } },
  { script: "test-fail.ts", exit: 110, why: "exec.test.fail() exits 110 and lets every iteration run", k6: "internal/cmd/run.go (MarkedAsFailed)",
    figures: { iterations: { count: exactly(3) } } },
  { script: "fail-with-threshold.ts", exit: 110, why: "exec.test.fail() wins over a crossed threshold, which is only logged",
    k6: "internal/cmd/run.go (the threshold error only when err == nil)", figures: { iterations: { count: exactly(2) } } },
  { script: "signal.ts", exit: 105, why: "SIGTERM stops the test; teardown and the summary still run", signalAfterMs: 2500,
    k6: "internal/cmd/run.go handleTestAbortSignals", figures: { teardown_ran: { count: exactly(1) } } },
  { script: "iteration-exception.ts", exit: 0, why: "an exception in an iteration is logged, counted, and does not change the exit code",
    k6: "lib/executor/helpers.go getIterationRunner", figures: { iterations: { count: exactly(3) } } },
  { script: "timeout-waiting.ts", exit: 0, why: "a request that times out waits, and lasts, as long as its timeout",
    k6: "lib/netext/httpext/tracer.go Done",
    figures: { http_req_duration: { max: [900, 1500] }, http_req_waiting: { max: [900, 1500] }, http_req_failed: { value: exactly(1) } } },
  { script: "partial-body.ts", exit: 0, why: "a body that breaks (close, reset, timeout) keeps the bytes that came, with status 0 and k6's error and error_code",
    k6: "lib/netext/httpext/compression.go readResponseBody, request.go MakeRequest, error_codes.go",
    figures: { checks: { passes: exactly(7), fails: exactly(0) }, http_reqs: { count: exactly(4) } } },
  { script: "expected-response.ts", exit: 0, why: "http_req_failed and expected_response follow the response callback",
    k6: "lib/netext/httpext/request.go; javascript-api/k6-http/expected-statuses",
    figures: { http_req_failed: { passes: exactly(1), fails: exactly(2) } } },
  { script: "arrival-start.ts", exit: 0, why: "constant-arrival-rate starts iteration k at k/rate, ramping-arrival-rate when the integral reaches k+1",
    k6: "lib/executor/constant_arrival_rate.go Run, lib/executor/ramping_arrival_rate.go cal",
    figures: {
      "iterations{scenario:constant}": { count: exactly(5) }, "iterations{scenario:ramp}": { count: exactly(4) },
      "start_offset{scenario:constant}": { min: [0, 100] }, "start_offset{scenario:ramp}": { min: [450, 650] },
    } },
  { script: "vus-sampled.ts", exit: 0, why: "vus and vus_max are sampled each second: a 1-VU run reads 1, min 1, max 1",
    k6: "internal/execution/scheduler.go emitVUsAndVUsMax", figures: { vus: { value: exactly(1), min: exactly(1), max: exactly(1) }, vus_max: { max: exactly(1) } } },
  { script: "vus-arrival-idle.ts", exit: 0, why: "an arrival-rate VU counts in vus only while it runs an iteration",
    k6: "lib/executor/ramping_arrival_rate.go activeVUPool.AddVU", figures: { vus: { max: exactly(0) }, vus_max: { max: exactly(5) } } },
  { script: "vu-state.ts", exit: 0, why: "module state, __VU and __ITER are per VU", k6: "javascript-api/k6-execution; internal/js/runner.go newVU" },
  { script: "setup-data.ts", exit: 0, why: "setup() data reaches every iteration and teardown", k6: "internal/js/runner.go Setup/GetSetupData" },
  { script: "tags.ts", exit: 0, why: "request, scenario, VU and --tag tags reach samples and filter submetrics", args: ["--tag", "testid=abc"],
    k6: "lib/netext/httpext/request.go; docs using-k6/tags-and-groups" },
  { script: "env.ts", exit: 0, why: "-e and scenario env reach __ENV", args: ["-e", "FROM_FLAG=f"], k6: "lib/executor/base_config.go (env); internal/cmd/runtime_options.go" },
  { script: "refused-calls.ts", exit: 0, why: "async check/group throw k6's own exception, which the script may catch", k6: "internal/js/modules/k6/k6.go Group, Check" },
  { script: "metrics-init-only.ts", exit: 0, why: "metrics are declared only in init and added only outside it", k6: "internal/js/modules/k6/metrics/metrics.go" },
  { script: "timers-drain.ts", exit: 0, why: "an iteration ends only when its timers have fired", k6: "internal/js/eventloop/eventloop.go" },
  { script: "encoding-random.ts", exit: 0, why: "k6/encoding base64 variants and randomSeed behave as k6's", k6: "internal/js/modules/k6/encoding; internal/js/modules/k6/k6.go RandomSeed" },
  { script: "open-file.ts", exit: 0, why: "open() reads files relative to the script, in init only", k6: "internal/js/initcontext.go" },
  { script: "handle-summary.ts", exit: 0, why: "handleSummary's map is written; the summary export too", k6: "internal/js/summary.go, summary-wrapper.js" },
  { script: "blocking-call.ts", exit: 107, only: "node", why: "a blocking call stops the run with 107 even when the script catches it; teardown still runs",
    k6: "k6 runs http.get (internal/js/modules/k6/http); the runner refuses it: runner/CONFORMANCE.md" },
];
