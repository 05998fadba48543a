// Where the stack's logs go: nowhere (default), this process's terminal, or a file.
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { pino, type Logger } from "pino";
import type { ChildOutput } from "./child.ts";

/** The `log` option of startStack: true prints, a path appends to that file ("inherit" = true). */
export type StackLog = boolean | string | undefined;

/** The children's output and the fault controller's logger for one `log` option. */
export function openOutput(log: StackLog): { children: ChildOutput; logger: Logger; close(): void } {
  if (log === undefined || log === false) return { children: "ignore", logger: pino({ level: "silent" }), close: () => {} };
  if (log === true || log === "inherit") return { children: "inherit", logger: pino({ name: "faults" }), close: () => {} };
  mkdirSync(dirname(log), { recursive: true });
  const file = createWriteStream(log, { flags: "a" });
  const destination = pino.destination({ dest: log, append: true, mkdir: true, sync: true });
  return {
    children: file,
    logger: pino({ name: "faults" }, destination),
    close: () => {
      file.end();
      destination.end();
    },
  };
}
