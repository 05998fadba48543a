// The observed matrix as the Markdown table scenarios/README.md shows: every scenario (rows)
// against every switch (columns), from a MATRIX_REPORT file (tests/matrix/fragility.test.ts).
// `node --import tsx tests/matrix/observed-table.ts <report.json>`. A cell is the run's verdict
// (each pair runs once: no verdict is re-run).
import { readFileSync } from "node:fs";
import type { Breach } from "../../scripts/chaos/types.ts";
import { FRAGILITY_SWITCHES } from "../../stack/gateway/fragility.ts";

/** One run as MATRIX_REPORT records it (the table reads the first five fields). */
export interface ObservedRun {
  fragile: string;
  scenario: string;
  expected: "fail" | "pass" | "either";
  /** The engine's exit code; null when it died by a signal. */
  code: number | null;
  /** Threshold keys with a breached expression. */
  breached: string[];
  /** Each breached expression with the value observed. */
  breaches?: Breach[];
  durationMs?: number;
}

// Short names keep the table readable: http_req_duration → duration, expected_response → ok/failed.
function short(key: string): string {
  return key.replace(/^http_req_duration/, "duration").replace(/,?expected_response:true/, ",ok").replace(/,?expected_response:false/, ",failed").replace("{,", "{");
}

function verdict(run: ObservedRun, keep = 3): string {
  if (run.code === 0) return "pass";
  if (run.code !== 99) return `exit ${run.code}`;
  const keys = run.breached.map(short);
  return `**FAIL**: ${keys.slice(0, keep).join(", ")}${keys.length > keep ? ", …" : ""}`;
}

/** The table: one row per scenario, one column per switch; "–" where no run was recorded. */
export function observedTable(runs: readonly ObservedRun[]): string {
  const scenarios = [...new Set(runs.map((r) => r.scenario))].sort();
  const rows = [`| scenario | ${FRAGILITY_SWITCHES.map((s) => `\`${s}\``).join(" | ")} |`, `|---|${FRAGILITY_SWITCHES.map(() => "---").join("|")}|`];
  for (const scenario of scenarios) {
    const cells = FRAGILITY_SWITCHES.map((sw) => {
      const mine = runs.filter((r) => r.scenario === scenario && r.fragile === sw);
      return mine.length === 0 ? "–" : mine.map((r) => verdict(r)).join("; ");
    });
    rows.push(`| \`${scenario}\` | ${cells.join(" | ")} |`);
  }
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node --import tsx tests/matrix/observed-table.ts <MATRIX_REPORT file>");
  console.log(observedTable(JSON.parse(readFileSync(file, "utf8")) as ObservedRun[]));
}
