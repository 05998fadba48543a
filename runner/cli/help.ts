/** `ai-chaos --help`: the k6 `run` flags this runner understands. */
export const HELP = `Usage:
  ai-chaos run <script> [flags]

Runs a k6 script (a .ts/.js source or an esbuild bundle) with the Node k6-compatible runner.

Flags (k6 meaning; precedence: flag > K6_* env > script options):
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
      --include-system-env-vars  pass the process environment to __ENV (default true)
  -q, --quiet                    no progress line
  -h, --help                     this help

Exit codes (as k6): 0 ok, 99 thresholds breached, 104 invalid options, 105 interrupted,
107 script error, 108 exec.test.abort(), 110 exec.test.fail(), 255 bad command line.
`;
