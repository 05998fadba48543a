// The Markdown tables of expected catches that scenarios/README.md shows, generated from
// expectations.ts so that the documentation cannot drift from what CI demands. Print them with
// `node --import tsx tests/matrix/catches-table.ts` and paste them under "Expected catches"
// (and the switch table into README.md's "Proof that the thresholds can fail").
import { MAY_CATCH, MUST_CATCH, thresholdsOf } from "./expectations.ts";

/** The must-catch table, a blank line, the may-catch table. */
export function catchesTable(): string {
  const rows = ["| switch | scenario that must fail | threshold that names it | why |", "|---|---|---|---|"];
  for (const [sw, list] of Object.entries(MUST_CATCH)) {
    for (const c of list) rows.push(`| \`${sw}\` | \`${c.scenario}\` | ${thresholdsOf(c).map((t) => `\`${t}\``).join(" or ")} | ${c.why} |`);
  }
  rows.push("", "May catch (`MAY_CATCH`: either verdict is accepted):", "", "| switch | scenario | why |", "|---|---|---|");
  for (const [sw, list] of Object.entries(MAY_CATCH)) for (const m of list ?? []) rows.push(`| \`${sw}\` | \`${m.scenario}\` | ${m.why} |`);
  return rows.join("\n");
}

/** The top-level README's short table: each switch and the scenarios that must fail with it. */
export function switchTable(): string {
  const rows = ["| switch (mechanism off) | scenarios that must fail |", "|---|---|"];
  for (const [sw, list] of Object.entries(MUST_CATCH)) rows.push(`| \`${sw}\` | ${list.map((c) => `\`${c.scenario}\``).join(", ")} |`);
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`${catchesTable()}\n\n${switchTable()}`);
