// bench/RESULTS.md holds one section per bench between HTML markers; a bench refreshes only its
// own section, so bench:stack and bench:runner can run at different times.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const FILE = fileURLToPath(new URL("../RESULTS.md", import.meta.url));
const TITLE = "# Benchmark results\n\nWritten by `npm run bench:stack`, `npm run bench:runner`, `npm run bench:suite` and `npm run bench:streams`; each section is replaced by its bench's last run. Ratios compare peers measured in the same run on a shared, noisy machine: trust ratios over absolute figures.\n";

/** One line naming when and where: date, CPUs, CPU model, Node version, load average at start. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" / ");
  return `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · nproc ${os.availableParallelism()} (${cpu}) · Node ${process.version} · load average at start ${load}`;
}

/** Replaces (or appends) the section `name` of `text` with `body`. */
export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) return text.slice(0, i) + block + text.slice(j + end.length);
  return `${text.trimEnd()}\n\n${block}\n`;
}

/** Writes the section `name` of bench/RESULTS.md; returns the file's path. */
export function writeSection(name: string, body: string): string {
  const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : TITLE;
  writeFileSync(FILE, replaceSection(text, name, body).trimEnd() + "\n");
  return FILE;
}
