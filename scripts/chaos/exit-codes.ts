// k6's process exit codes (errext/exitcodes in k6's source; docs: k6-semantics.md §1.4), which
// the Node runner reproduces. Only 0 and 99 are verdicts on the service; the rest are errors.

/** Thresholds crossed at the end, or an `abortOnFail` threshold stopped the run. */
export const THRESHOLDS_FAILED = 99;
/** SIGINT/SIGTERM: k6 stopped early (we also use it for an interrupted suite). */
export const EXTERNAL_ABORT = 105;
/** A Go panic inside k6: it dies without teardown or summary, a crash. */
export const ENGINE_PANIC = 109;

const MEANINGS: Readonly<Record<number, string>> = {
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

/** True when k6 itself may exit with `code` (0 or a code of the table above). */
export function isK6ExitCode(code: number): boolean {
  return code === 0 || MEANINGS[code] !== undefined;
}

/** "exit 107: script error (...)"; a signal death reads "killed by SIGKILL". */
export function describeExit(code: number | null, signal?: string | null): string {
  if (code === null) return signal ? `killed by ${signal}` : "did not run";
  const meaning = MEANINGS[code];
  return meaning ? `exit ${code}: ${meaning}` : `exit ${code}: unexpected exit code`;
}
