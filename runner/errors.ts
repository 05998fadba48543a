import { K6_EXIT } from "../contracts/k6-exit-codes.ts";

/** k6's process exit codes (errext/exitcodes), by name: the runner exits with these. */
export const ExitCode = K6_EXIT;

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

/** setup(), teardown() or handleSummary() outlived its timeout option: k6's timeoutError (internal/js/timeout_error.go), exit 100/101. */
export class LifecycleTimeout extends RunError {
  constructor(message: string, exitCode: number) {
    super(message, exitCode);
    this.name = "TimeoutError";
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

/**
 * Thrown where a script calls a k6 API the Node runner cannot run faithfully (blocking calls,
 * cookies, ...): the run stops and exits 107, so an unsupported script never passes.
 */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedError";
  }
}

/** Thrown by `exec.test.abort()`; stops the test with exit 108. */
export class TestAbortError extends Error {
  constructor(readonly reason: string) {
    super(reason ? `test aborted: ${reason}` : "test aborted");
    this.name = "TestAbortError";
  }
}
