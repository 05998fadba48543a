import { parseArgs } from "./cli/args.ts";
import { inspectScript } from "./engine/inspect.ts";
import { runTest } from "./engine/run.ts";
import { ExitCode, RunError } from "./errors.ts";

/** `ai-chaos --help`: the k6 `run` flags this runner understands. */
const HELP = `Usage:
  ai-chaos run <script> [flags]
  ai-chaos inspect <script> [-e KEY=VALUE ...] [--include-system-env-vars] [--execution-requirements]

run: runs a k6 script (a .ts/.js source or an esbuild bundle) with the Node k6-compatible runner.
inspect: evaluates the script's init once and prints {"options": <as k6 inspect prints them>,
  "plan": <the script's exported plan, if any>} as JSON; --execution-requirements consolidates
  the options with K6_* env, derives the scenarios and adds totalDuration and maxVUs, as k6's.

run flags (k6 meaning; precedence: flag > K6_* env > script options):
  -e, --env KEY=VALUE            add an environment variable to __ENV (repeatable)
  -u, --vus N                    number of virtual users
  -d, --duration DURATION        test duration ("30s", "1m30s")
  -i, --iterations N             total iterations, shared between VUs
  -s, --stage DURATION:TARGET    a ramping stage (repeatable)
      --tag NAME=VALUE           a tag added to every sample (repeatable)
      --summary-export FILE      write the legacy JSON summary to FILE
      --summary-trend-stats LIST trend stats in the summary, e.g. "avg,p(95),p(99.9)"
  -o, --out json=FILE            write every sample as k6 JSON lines to FILE
      --no-thresholds            do not evaluate thresholds
      --no-setup, --no-teardown  do not run setup() / teardown()
      --user-agent TEXT          the User-Agent header requests send ("" sends none)
      --include-system-env-vars  pass the process environment to __ENV (default true)
  -q, --quiet                    no progress line
  -h, --help                     this help

Exit codes (as k6): 0 ok, 99 thresholds breached, 104 invalid options, 105 interrupted,
107 script error, 108 exec.test.abort(), 110 exec.test.fail(), 255 bad command line.
`;

/** `ai-chaos` entry point: maps every outcome to k6's exit code. */
async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === "help") {
      process.stdout.write(HELP);
      return ExitCode.ok;
    }
    if (args.command === "inspect") {
      const result = await inspectScript(args.script ?? "", args.env, { includeSystemEnv: args.includeSystemEnv, executionRequirements: args.executionRequirements });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
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
