import type { Logger } from "./logger.ts";

function format(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Error) return arg.stack ?? arg.message;
  if (arg !== null && typeof arg === "object") {
    try {
      return JSON.stringify(arg);
    } catch {
      return String(arg);
    }
  }
  return String(arg);
}

/** k6's console: each call is one log line with `source=console` (objects as JSON). */
export function createConsole(logger: Logger): Pick<Console, "log" | "info" | "warn" | "error" | "debug"> {
  const line = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => logger.log(level, args.map(format).join(" "), { source: "console" });
  return { log: line("info"), info: line("info"), warn: line("warn"), error: line("error"), debug: line("debug") };
}
