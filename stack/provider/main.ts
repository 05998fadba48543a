// The provider process: flags, port, signals. `npm run stack` starts two of these as children
// (provider-a, provider-b); they report their port over IPC and die with their parent.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { durationMs } from "../../contracts/duration.ts";
import { createProvider, type ProviderOptions } from "./app.ts";

/** The provider CLI's usage text. */
export const USAGE = `usage: tsx stack/provider/main.ts [--name provider-a] [--port 9001] [--host 127.0.0.1]
  [--ttft 50ms] [--itl 5ms] [--output-tokens 32] [--max-output-tokens 2048]
--port 0 picks a free port; durations are Go-style ("50ms", "2s") or plain milliseconds;
per request, headers x-mock-ttft-ms, x-mock-itl-ms and x-mock-output-tokens override them.`;

/** Parsed provider flags. */
export type ProviderCli = ProviderOptions & { port: number; host: string; help: boolean };

/** Parses the provider's flags; throws a sentence naming the bad flag and its accepted form. */
export function parseProviderArgs(argv: string[]): ProviderCli {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      name: { type: "string", default: "provider-a" },
      port: { type: "string", default: "9001" },
      host: { type: "string", default: "127.0.0.1" },
      ttft: { type: "string", default: "50ms" },
      itl: { type: "string", default: "5ms" },
      "output-tokens": { type: "string", default: "32" },
      "max-output-tokens": { type: "string", default: "2048" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.name)) {
    throw new Error(`--name must be a Kubernetes-style name such as "provider-a" (lowercase letters, digits, dashes), got ${JSON.stringify(values.name)}`);
  }
  return {
    name: values.name,
    host: values.host,
    help: values.help,
    port: integer("--port", values.port, 0, 65535),
    ttftMs: duration("--ttft", values.ttft),
    itlMs: duration("--itl", values.itl),
    defaultOutputTokens: integer("--output-tokens", values["output-tokens"], 1, 1_000_000),
    maxOutputTokens: integer("--max-output-tokens", values["max-output-tokens"], 1, 1_000_000),
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

// Longest accepted --ttft/--itl (10 min): setTimeout cannot wait beyond 2^31-1 ms.
const MAX_DURATION_MS = 600_000;

function duration(flag: string, text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : durationMs(text, flag, 'or plain milliseconds such as "50"');
  if (ms > MAX_DURATION_MS) throw new Error(`${flag} must be at most 10m, got ${JSON.stringify(text)}`);
  return ms;
}

function main(): void {
  let opts: ProviderCli;
  try {
    opts = parseProviderArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`provider: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) return void console.log(USAGE);
  const logger = pino({ name: opts.name });
  const server = createProvider({ ...opts, logger });
  server.keepAliveTimeout = 65_000; // longer than the callers' pool idle time, so they close first
  server.once("error", (err: NodeJS.ErrnoException) => {
    const why = err.code === "EADDRINUSE" ? `port ${opts.port} is in use (EADDRINUSE)` : err.message;
    console.error(`${opts.name}: cannot listen on ${opts.host}:${opts.port}: ${why}`);
    process.exit(1);
  });
  server.listen(opts.port, opts.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : opts.port;
    if (process.send) process.send({ type: "listening", port });
    else logger.info({ event: "listening", url: `http://${opts.host}:${port}` }, `${opts.name} listening`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("disconnect", stop); // the parent (the stack) died: never leave an orphan
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
