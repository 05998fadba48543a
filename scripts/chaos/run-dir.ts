import { mkdirSync } from "node:fs";
import { join } from "node:path";

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
