// A run's folder, and its reports (each scenario's summary.json is already there, written by the
// engine): run.json for machines, report.md for people, junit.xml for CI, index.html for people
// with a browser (charts from each scenario's metrics.json).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunRecord } from "../chaos/types.ts";
import { htmlReport } from "./html.ts";
import { junitXml } from "./junit.ts";
import { markdownReport } from "./markdown.ts";

/** A run id from its start time, sortable and safe in every file system: "2025-11-26T19-18-03Z". */
export function runId(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replaceAll(":", "-");
}

/** Creates `<outDir>/<id>` (with "-2", "-3"... when two runs start in the same second); returns id and path. */
export function createRunDir(outDir: string, at: Date): { id: string; dir: string } {
  mkdirSync(outDir, { recursive: true });
  const base = runId(at);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const dir = join(outDir, id);
    try {
      mkdirSync(dir);
      return { id, dir };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

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
