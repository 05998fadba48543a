import { closeSync, openSync, readSync, fstatSync } from "node:fs";

// Enough for the engine's last error lines without reading a multi-megabyte log (bytes).
const TAIL_BYTES = 16 * 1024;
// Colour and cursor sequences (ESC [ ... final byte): noise in a report.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** The last `lines` non-empty lines of `file` (at most its last 16 KiB), colour codes removed; "" when it is missing. */
export function tailLines(file: string, lines: number): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    return buf.toString("utf8").replace(ANSI, "").split("\n").map((l) => l.trimEnd()).filter((l) => l !== "").slice(-lines).join("\n");
  } finally {
    closeSync(fd);
  }
}
