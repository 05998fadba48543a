// How the runner speaks: k6-style log lines, the console scripts write to, and exception text.
import { performance } from "node:perf_hooks";

/** k6-style log lines on stderr: `INFO[0003] message  source=console`. */
export class Logger {
  constructor(
    private readonly startedAt: () => number,
    private readonly write: (line: string) => void = (l) => process.stderr.write(l),
  ) {}

  /** Logs one line at a level (k6 names: debug, info, warn, error). */
  log(level: "debug" | "info" | "warn" | "error", msg: string, fields: Record<string, string> = {}): void {
    if (level === "debug") return; // k6 shows console.debug only with --verbose
    const label = level === "warn" ? "WARN" : level === "error" ? "ERRO" : "INFO";
    const secs = Math.max(0, Math.floor((performance.now() - this.startedAt()) / 1000)).toString().padStart(4, "0");
    const extra = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(" ");
    this.write(`${label}[${secs}] ${msg}${extra ? `  ${extra}` : ""}\n`);
  }

  warn(msg: string, fields?: Record<string, string>): void { this.log("warn", msg, fields); }
  error(msg: string, fields?: Record<string, string>): void { this.log("error", msg, fields); }
  info(msg: string, fields?: Record<string, string>): void { this.log("info", msg, fields); }
}

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

const RUNNER_DIR = new URL("..", import.meta.url).pathname;

let mapFrames: (stack: string) => string = (s) => s;

/** Installs the bundle's source-map translation (one script per process). */
export function setStackMapper(fn: (stack: string) => string): void {
  mapFrames = fn;
}

/**
 * An exception's text as k6 logs it: the stack, with frames pointing at the script's own
 * source lines, and without the runner's and Node's internal frames.
 */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const stack = mapFrames(err.stack ?? `${err.name}: ${err.message}`);
  return stack
    .split("\n")
    .filter((line) => !/^\s+at /.test(line) || !(line.includes(RUNNER_DIR) || /node:internal|<anonymous>\)|\(index \d+\)/.test(line)))
    .join("\n");
}
