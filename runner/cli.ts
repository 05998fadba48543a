import { parseArgs } from "./cli/args.ts";
import { HELP } from "./cli/help.ts";
import { runTest } from "./engine/run.ts";
import { ExitCode, RunError } from "./errors.ts";

/** `ai-chaos` entry point: maps every outcome to k6's exit code. */
async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === "help") {
      process.stdout.write(HELP);
      return ExitCode.ok;
    }
    return await runTest(args);
  } catch (err) {
    if (err instanceof RunError) {
      const label = err.exitCode === ExitCode.usage ? "Error" : err.exitCode === ExitCode.invalidConfig ? "invalid options" : "script error";
      process.stderr.write(`ERRO ${label}: ${err.message}\n`);
      if (err.exitCode === ExitCode.usage) process.stderr.write("Run 'ai-chaos --help' for usage.\n");
      return err.exitCode;
    }
    process.stderr.write(`ERRO ${(err as Error)?.stack ?? String(err)}\n`);
    return ExitCode.scriptException;
  }
}

process.on("unhandledRejection", (reason) => {
  // k6 logs an uncaught promise rejection and carries on; Node would exit.
  process.stderr.write(`ERRO Uncaught (in promise) ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}  source=stacktrace\n`);
});

const code = await main(process.argv.slice(2));
// Flush stdout/stderr before exiting: handleSummary may have written a lot.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
