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
