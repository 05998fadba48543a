import { PROFILE_NAMES } from "../../lib/profiles.ts";
import { CATEGORIES } from "./categories.ts";

/** `npm run chaos -- --help`. */
export const HELP = `Usage: npm run chaos -- [flags]

Builds the scenarios, starts the local stack (unless BASE_URL is set), runs each scenario in
turn with k6 (on PATH or K6_BIN) or the bundled Node runner, prints a verdict table and writes
reports/<run>/ (report.md, junit.xml, run.json, each scenario's summary.json).

Flags:
  --scenario NAME   run this scenario (repeatable, or a comma list); default: all
  --category NAME   run this category (repeatable): ${CATEGORIES.join(", ")}
  --profile NAME    load profile: ${PROFILE_NAMES.join(", ")} (default smoke)
  --fragile LIST    fragility switches for the local stack, e.g. --fragile=fallback,retries
  --engine MODE     auto (default: k6 if found, else the Node runner), k6, node
  --out-dir DIR     where run folders go (default reports)
  -h, --help        this text

Env: BASE_URL (a target of your own: no local stack), FAULTS_URL, K6_BIN, and anything the
scenarios read (API_KEY, MODEL, SLO_FILE, SKIP_FAULTS...), passed through.

Exit: 0 every scenario passed · 99 some failed and every failure is a threshold breach ·
1 a scenario errored (or the build/stack did) · 105 interrupted · 2 bad command line.
`;
