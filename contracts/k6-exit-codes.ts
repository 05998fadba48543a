// k6's process exit codes, the one table the Node runner exits with and `npm run chaos` reads
// (grafana/k6 errext/exitcodes/codes.go; 255 is internal/cmd/root.go's `exitCode := -1`, which
// the OS reports as 255). Only 0 and 99 are verdicts on the service.

/** Each code by name. */
export const K6_EXIT = {
  ok: 0,
  cloudTestRunFailed: 97,
  cloudFailedToGetProgress: 98,
  /** Thresholds crossed at the end, or an `abortOnFail` threshold stopped the run. */
  thresholdsFailed: 99,
  setupTimeout: 100,
  teardownTimeout: 101,
  genericTimeout: 102,
  scriptStoppedFromRESTAPI: 103,
  invalidConfig: 104,
  /** SIGINT/SIGTERM: k6 stopped early. */
  externalAbort: 105,
  cannotStartRESTAPI: 106,
  scriptException: 107,
  scriptAborted: 108,
  /** A Go panic inside k6: it dies without teardown or summary, a crash. */
  goPanic: 109,
  markedAsFailed: 110,
  /** cobra usage errors (and a script that cannot be loaded). */
  usage: 255,
} as const;

/** What each non-zero code means, as a report says it. */
export const K6_EXIT_MEANINGS: Readonly<Record<number, string>> = {
  97: "cloud test run failed",
  98: "cloud progress unavailable",
  99: "thresholds breached",
  100: "setup() timed out",
  101: "teardown() timed out",
  102: "generic timeout",
  103: "stopped through the REST API",
  104: "invalid options (bad threshold, unknown metric or option)",
  105: "interrupted (SIGINT/SIGTERM)",
  106: "REST API could not start",
  107: "script error (an exception in init, setup or teardown)",
  108: "aborted by the script (exec.test.abort())",
  109: "engine panic",
  110: "marked as failed by the script (exec.test.fail())",
  255: "command-line error or script could not be loaded",
};
