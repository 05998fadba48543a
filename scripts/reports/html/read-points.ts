// Reads an engine's `--out json` file (one JSON object per line) into a SeriesBuilder, a chunk
// at a time: a load or soak run writes hundreds of MB, which must never sit in memory at once.
// Synchronous, because writeReports is: the reports are written on the way out, Ctrl-C included.
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SeriesBuilder } from "./series.ts";
import type { ScenarioSeries } from "./types.ts";

// 1 MiB per read: few system calls, little memory.
const CHUNK_BYTES = 1 << 20;

/** Calls `onLine` for each line of the file at `path`, without the newline. */
export function forEachLineSync(path: string, onLine: (line: string) => void): void {
  const fd = openSync(path, "r");
  try {
    // The decoder keeps a multi-byte character split across two chunks whole.
    const decoder = new StringDecoder("utf8");
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let rest = "";
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const lines = (rest + decoder.write(buf.subarray(0, n))).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    }
    rest += decoder.end();
    if (rest) onLine(rest);
  } finally {
    closeSync(fd);
  }
}

/** The series of one metrics.json; lines that are not well-formed Points (a run cut short) are skipped. */
export function readSeries(path: string): ScenarioSeries | null {
  const builder = new SeriesBuilder();
  forEachLineSync(path, (line) => {
    if (!line.includes('"Point"')) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      return;
    }
    const p = o as { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: unknown } };
    if (p.type !== "Point" || typeof p.metric !== "string" || typeof p.data?.time !== "string" || typeof p.data.value !== "number") return;
    const tags = p.data.tags && typeof p.data.tags === "object" ? (p.data.tags as Record<string, string>) : {};
    builder.add({ metric: p.metric, time: Date.parse(p.data.time), value: p.data.value, tags });
  });
  return builder.finish();
}
