// `npm run stack`: the local reference stack in the foreground. Ctrl-C (or SIGTERM) clears every
// fault and stops every process it started.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { durationMs } from "../contracts/duration.ts";
import { faultsAccessFromEnv } from "./faults/index.ts";
import { FRAGILITY_SWITCHES, parseFragility } from "./gateway/fragility.ts";
import { startStack, type Stack, type StackOptions } from "./index.ts";

// How long a child's exit may precede this process's own signal when both come from one Ctrl-C (ms).
const EXIT_GRACE_MS = 300;

/** `npm run stack -- --help`. */
export const USAGE = `usage: npm run stack [-- --fragile=a,b] [--replicas=2] [--restart-delay=1s] [--ttft=50ms] [--itl=5ms] [--ephemeral-ports] [--quiet]
  --fragile          resilience mechanisms to switch off: ${FRAGILITY_SWITCHES.join(", ")}
  --replicas         ai-service worker processes ("pods"), 1-16
  --restart-delay    how long a killed pod stays down, Go-style duration
  --ttft, --itl      the fake providers' time to first token and inter-token latency
                     (Go-style durations such as 50ms, or plain milliseconds)
  --ephemeral-ports  free ports instead of 8080/7070/9001-9002/9101-9102
  --quiet            no component logs, only the endpoints
Env: FAULTS_HOST  interface of the fault API and links (default 127.0.0.1; 0.0.0.0 for every interface)
     FAULTS_TOKEN the token the fault API then requires (Authorization: Bearer), at least 16 characters;
                  required when FAULTS_HOST is not loopback
Ctrl-C stops everything and clears every fault.`;

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
  const ms = (flag: string, text: string) => (/^\d+$/.test(text) ? Number(text) : durationMs(text, `--${flag}`, 'or plain milliseconds such as "50"'));
  let fragile: string[];
  try {
    fragile = [...parseFragility(values.fragile)];
  } catch (err) {
    throw new Error(`--fragile: ${(err as Error).message}`);
  }
  return {
    help: values.help,
    fragile,
    replicas,
    restartDelayMs: ms("restart-delay", values["restart-delay"]),
    provider: { ttftMs: ms("ttft", values.ttft), itlMs: ms("itl", values.itl) },
    ports: values["ephemeral-ports"] ? "ephemeral" : "default",
    log: !values.quiet,
  };
}

/** The endpoints table printed once the stack is up. */
export function describeStack(stack: Stack, opts: StackOptions): string {
  const { urls } = stack;
  const fragile = opts.fragile?.length ? opts.fragile.join(", ") : "none (fully resilient)";
  return [
    "ai-chaos local stack is up (Ctrl-C stops it and clears every fault)",
    `  ai-service   BASE_URL=${urls.aiService}   ${opts.replicas ?? 2} pods`,
    `  fault API    FAULTS_URL=${urls.faults}${faultsAccessNote(opts)}`,
    `  provider-a   direct ${urls.providerA}   via link ${stack.faults.linkUrl("provider-a")}`,
    `  provider-b   direct ${urls.providerB}   via link ${stack.faults.linkUrl("provider-b")}`,
    `  fragile      ${fragile}`,
  ].join("\n");
}

// The token itself is never printed: whoever started the stack has it in FAULTS_TOKEN.
function faultsAccessNote(opts: StackOptions): string {
  const host = opts.faultsHost ?? "127.0.0.1";
  const listen = host === "127.0.0.1" ? "" : `   listening on ${host}`;
  return `${listen}${opts.faultsToken === undefined ? "" : "   token required (FAULTS_TOKEN)"}`;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseStackArgs>;
  try {
    opts = parseStackArgs(process.argv.slice(2));
    if (!opts.help) opts = { ...opts, ...faultsAccessFromEnv(process.env) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) return void console.log(USAGE);
  // A signal during the start is honoured once the start settles (startStack stops what it started on failure).
  let stack: Stack | null = null;
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!stack) return; // main() below stops it when it arrives
    console.log("\nstopping the stack and clearing faults...");
    stack.stop().then(() => process.exit(code), (err: Error) => {
      console.error(`stop failed: ${err.message}`);
      process.exit(1);
    });
  };
  // A part that dies on its own stops the whole stack (exit 1); one that dies of the same Ctrl-C
  // as this process is not news, hence the grace period before believing it.
  const onExit = (why: string) => {
    if (stopping) return;
    console.error(`${why}; stopping the stack`);
    stop(1);
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  try {
    stack = await startStack({ ...opts, onExit: (why) => setTimeout(() => onExit(why), EXIT_GRACE_MS) });
  } catch (err) {
    console.error(`the stack did not start: ${(err as Error).message}`);
    process.exit(1);
  }
  if (stopping) {
    stopping = false;
    return stop(0);
  }
  console.log(describeStack(stack, opts));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
