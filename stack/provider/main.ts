// The provider process: flags, port, signals. `npm run stack` starts two of these as children
// (provider-a, provider-b); they report their port over IPC and die with their parent.
import { parseArgs } from "node:util";
import { parseDuration } from "../faults/duration.ts";
import { createProvider, type ProviderOptions } from "./app.ts";

const USAGE = `usage: tsx stack/provider/main.ts [--name provider-a] [--port 9001] [--host 127.0.0.1]
  [--ttft 50ms] [--itl 5ms] [--output-tokens 32] [--max-output-tokens 2048]
durations are Go-style ("50ms", "2s") or plain milliseconds; per request, x-mock-ttft-ms,
x-mock-itl-ms and x-mock-output-tokens override them.`;

/** Parses the provider's flags; throws a sentence naming the bad flag. */
export function parseProviderArgs(argv: string[]): ProviderOptions & { port: number; host: string } {
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
    },
  });
  return {
    name: values.name,
    host: values.host,
    port: integer("--port", values.port, 0, 65535),
    ttftMs: duration("--ttft", values.ttft),
    itlMs: duration("--itl", values.itl),
    defaultOutputTokens: integer("--output-tokens", values["output-tokens"], 1, 1_000_000),
    maxOutputTokens: integer("--max-output-tokens", values["max-output-tokens"], 1, 1_000_000),
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

function duration(flag: string, text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  try {
    return parseDuration(text);
  } catch (err) {
    throw new Error(`${flag}: ${(err as Error).message}`);
  }
}

function main(): void {
  let opts: ReturnType<typeof parseProviderArgs>;
  try {
    opts = parseProviderArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const server = createProvider(opts);
  server.keepAliveTimeout = 65_000; // longer than the callers' pool idle time, so they close first
  server.listen(opts.port, opts.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : opts.port;
    if (process.send) process.send({ type: "listening", port });
    else console.log(`${opts.name} listening on http://${opts.host}:${port}`);
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

if (import.meta.url === `file://${process.argv[1]}`) main();
