// Writes a run's reports into its folder (each scenario's summary.json is already there, written
// by the engine): run.json for machines, report.md for people, junit.xml for CI, index.html for
// people with a browser (charts from each scenario's metrics.json).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunRecord } from "../chaos/types.ts";
import { htmlReport } from "./html.ts";
import { junitXml } from "./junit.ts";
import { markdownReport } from "./markdown.ts";

/** The report files' names inside the run folder. */
export const REPORT_FILES = { run: "run.json", markdown: "report.md", junit: "junit.xml", html: "index.html" } as const;

/** Writes the four reports; returns their paths. */
export function writeReports(dir: string, run: RunRecord): string[] {
  const files: [string, string][] = [
    [REPORT_FILES.run, `${JSON.stringify(run, null, 2)}\n`],
    [REPORT_FILES.markdown, markdownReport(run)],
    [REPORT_FILES.junit, junitXml(run)],
    [REPORT_FILES.html, htmlReport(dir, run)],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
