/** k6's process exit codes (errext/exitcodes), the subset this runner produces. */
export const ExitCode = {
  ok: 0,
  thresholdsFailed: 99,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  scriptAborted: 108,
  markedAsFailed: 110,
  /** cobra usage errors: k6 exits with -1, which the OS reports as 255. */
  usage: 255,
} as const;

/** An error that ends the run with a given exit code. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "RunError";
  }
}

/** Invalid options or flags found before any load starts (exit 104). */
export class ConfigError extends RunError {
  constructor(message: string) {
    super(message, ExitCode.invalidConfig);
    this.name = "ConfigError";
  }
}

/** Malformed command line (unknown flag, unparsable value): k6's usage error, exit 255. */
export class UsageError extends RunError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = "UsageError";
  }
}

/** Thrown by `exec.test.abort()`; stops the test with exit 108. */
export class TestAbortError extends Error {
  constructor(readonly reason: string) {
    super(reason ? `test aborted: ${reason}` : "test aborted");
    this.name = "TestAbortError";
  }
}
