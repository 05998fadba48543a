// `npm run stack`: the local reference stack in the foreground. Ctrl-C (or SIGTERM) clears every
// fault and stops every process it started.
import { parseArgs } from "node:util";
import { parseDuration } from "./faults/duration.ts";
import { FRAGILITY_SWITCHES } from "./gateway/fragility.ts";
import { startStack, type StackOptions } from "./index.ts";

const USAGE = `usage: npm run stack [-- --fragile=a,b] [--replicas=2] [--restart-delay=1s] [--ttft=50ms] [--itl=5ms] [--ephemeral-ports] [--quiet]
  --fragile          resilience mechanisms to switch off: ${FRAGILITY_SWITCHES.join(", ")}
  --replicas         ai-service worker processes ("pods"), 1-16
  --restart-delay    how long a killed pod stays down, Go-style duration
  --ttft, --itl      the fake providers' time to first token and inter-token latency
  --ephemeral-ports  free ports instead of 8080/7070/9001-9002/9101-9102
  --quiet            no component logs, only the endpoints`;

/** Parses `npm run stack` flags into StackOptions; throws a sentence naming the bad flag. */
export function parseStackArgs(argv: string[]): StackOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      fragile: { type: "string", default: "" },
      replicas: { type: "string", default: "2" },
      "restart-delay": { type: "string", default: "1s" },
      ttft: { type: "string", default: "50ms" },
      itl: { type: "string", default: "5ms" },
      "ephemeral-ports": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) throw new Error(`--replicas must be an integer from 1 to 16, got ${JSON.stringify(values.replicas)}`);
  const ms = (flag: string, text: string) => {
    try {
      return parseDuration(text);
    } catch (err) {
      throw new Error(`--${flag}: ${(err as Error).message}`);
    }
  };
  return {
    help: values.help,
    fragile: values.fragile.split(",").map((s) => s.trim()).filter(Boolean),
    replicas,
    restartDelayMs: ms("restart-delay", values["restart-delay"]),
    provider: { ttftMs: ms("ttft", values.ttft), itlMs: ms("itl", values.itl) },
    ports: values["ephemeral-ports"] ? "ephemeral" : "default",
    ...(values.quiet ? {} : { log: "inherit" as const }),
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseStackArgs>;
  try {
    opts = parseStackArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) return void console.log(USAGE);
  const stack = await startStack(opts).catch((err: Error) => {
    console.error(`the stack did not start: ${err.message}`);
    process.exit(1);
  });
  const { urls } = stack;
  console.log(
    [
      "ai-chaos local stack is up (Ctrl-C stops it and clears every fault)",
      `  ai-service (BASE_URL)     ${urls.aiService}   ${opts.replicas} pods${opts.fragile?.length ? `, fragile: ${opts.fragile.join(",")}` : ""}`,
      `  fault API (FAULTS_URL)    ${urls.faults}`,
      `  provider-a  direct ${urls.providerA}  via link ${stack.faults.linkUrl("provider-a")}`,
      `  provider-b  direct ${urls.providerB}  via link ${stack.faults.linkUrl("provider-b")}`,
    ].join("\n"),
  );
  const stop = () => {
    console.log("\nstopping the stack and clearing faults...");
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
