// `npm run faults`: the fault controller alone, in front of real upstreams, as Toxiproxy runs: one
// link per `--link NAME=URL`, plain HTTP on this machine, HTTP or HTTPS to the upstream (SNI from
// the URL's host; Node's CAs plus `--upstream-ca`). Every link takes http, network and stream
// faults through the same API as the local stack. Ctrl-C (or SIGTERM) ends every fault and exits.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { pino, type Logger } from "pino";
import { DEFAULT_PORTS } from "../../contracts/local-stack.ts";
import { createFaultController, faultsAccessFromEnv, TARGET_NAME, type FaultController, type FaultsAccess } from "./index.ts";
import { parseUpstream } from "./upstream.ts";

/** `npm run faults -- --help`. */
export const USAGE = `usage: npm run faults -- --link NAME=URL [--link NAME=URL ...] [--upstream-ca FILE] [--port ${DEFAULT_PORTS.faults}] [--link-port ${DEFAULT_PORTS.linkA}] [--quiet]
  --link         a link named NAME (lowercase letters, digits, -) in front of URL (http:// or https://, no path);
                 repeat it for more upstreams; point your service at the link's URL printed at start
  --upstream-ca  PEM file of a private CA to trust for https upstreams, besides Node's CA store
  --port         port of the fault API (0 picks a free one)
  --link-port    port of the first link, the next links on the following ports (0 picks free ones)
  --quiet        no logs, only the endpoints
Env: FAULTS_HOST, FAULTS_TOKEN, as for npm run stack (stack/README.md).
Ctrl-C ends every fault and exits.`;

/** `npm run faults` flags, validated. */
export interface FaultsCli {
  links: { name: string; url: string }[];
  /** PEM text of --upstream-ca. */
  upstreamCa?: string;
  apiPort: number;
  linkPort: number;
  quiet: boolean;
  help: boolean;
}

const FLAGS = ["--link", "--upstream-ca", "--port", "--link-port", "--quiet", "--help"];

/** Parses `npm run faults` flags; throws one sentence naming the bad flag and what it accepts. */
export function parseFaultsArgs(argv: string[]): FaultsCli {
  let values: { link?: string[]; "upstream-ca"?: string; port: string; "link-port": string; quiet: boolean; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        link: { type: "string", multiple: true },
        "upstream-ca": { type: "string" },
        port: { type: "string", default: String(DEFAULT_PORTS.faults) },
        "link-port": { type: "string", default: String(DEFAULT_PORTS.linkA) },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const named = /'([^' ]*)/.exec(message)?.[1] ?? argv.join(" ");
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new Error(`${named} needs a value after it: --link NAME=URL, --upstream-ca FILE, --port N, --link-port N`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new Error(`unexpected argument ${JSON.stringify(named)}: every value follows its flag, such as --link openai=https://api.openai.com`);
    throw new Error(`unknown flag ${named}: accepted are ${FLAGS.join(", ")}`);
  }
  const port = (flag: string, text: string) => {
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) throw new Error(`--${flag} must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(text)}`);
    return Number(text);
  };
  const cli: FaultsCli = { links: [], apiPort: port("port", values.port), linkPort: port("link-port", values["link-port"]), quiet: values.quiet, help: values.help };
  if (cli.help) return cli;
  for (const entry of values.link ?? []) cli.links.push(parseLink(entry, cli.links));
  if (cli.links.length === 0) throw new Error("--link is required: at least one NAME=URL, such as --link openai=https://api.openai.com");
  if (cli.linkPort !== 0 && cli.linkPort + cli.links.length - 1 > 65_535) throw new Error(`--link-port ${cli.linkPort} leaves no port for ${cli.links.length} links: accepted is a port up to ${65_536 - cli.links.length}, or 0`);
  const caFile = values["upstream-ca"];
  if (caFile !== undefined) cli.upstreamCa = readCa(caFile);
  return cli;
}

/** Starts the controller with one link per --link; rejects with a sentence when a port is taken. */
export async function startFaults(cli: FaultsCli, access: FaultsAccess = { faultsHost: "127.0.0.1" }, logger: Logger = pino({ level: "silent" })): Promise<FaultController> {
  const ca = cli.upstreamCa === undefined ? {} : { ca: cli.upstreamCa };
  const targets = cli.links.map((link, i) => ({ name: link.name, upstream: link.url, listenPort: cli.linkPort === 0 ? 0 : cli.linkPort + i, ...ca }));
  try {
    return await createFaultController({ targets, apiPort: cli.apiPort, host: access.faultsHost, logger, ...(access.faultsToken === undefined ? {} : { token: access.faultsToken }) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { port?: number };
    if (e.code !== "EADDRINUSE") throw err;
    throw new Error(`port ${e.port ?? "?"} is in use: pick others with --port and --link-port (0 picks free ones)`, { cause: err });
  }
}

/** The endpoints printed once the controller is up. */
export function describeFaults(fc: FaultController, cli: FaultsCli, access: FaultsAccess): string {
  const width = Math.max(...cli.links.map((l) => l.name.length));
  const token = access.faultsToken === undefined ? "" : "   token required (FAULTS_TOKEN)";
  return [
    "ai-chaos fault controller is up (Ctrl-C ends every fault and exits)",
    `  fault API  FAULTS_URL=${fc.apiUrl}${token}`,
    ...cli.links.map((l) => `  link ${l.name.padEnd(width)}  ${fc.linkUrl(l.name)}  ->  ${l.url}`),
    "  faults     http, network and stream on every link (stack/faults/README.md)",
  ].join("\n");
}

// --- internal ---

function parseLink(entry: string, taken: readonly { name: string }[]): { name: string; url: string } {
  const eq = entry.indexOf("=");
  if (eq < 0) throw new Error(`--link must be NAME=URL, such as openai=https://api.openai.com, got ${JSON.stringify(entry)}`);
  const [name, url] = [entry.slice(0, eq), entry.slice(eq + 1)];
  if (!TARGET_NAME.test(name)) throw new Error(`--link name must be lowercase letters, digits and - (up to 63, starting with a letter or digit), such as "openai", got ${JSON.stringify(name)}`);
  if (taken.some((l) => l.name === name)) throw new Error(`--link names must differ: "${name}" is given twice`);
  if (!/^https?:\/\//i.test(url)) throw new Error(`--link ${name}=URL needs an http:// or https:// URL, such as https://api.openai.com, got ${JSON.stringify(url)}`);
  parseUpstream(url, `--link ${name}=URL`);
  return { name, url };
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`--upstream-ca must name a readable PEM file of CA certificates, such as ca.pem; ${JSON.stringify(file)} cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error(`--upstream-ca must name a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), and ${JSON.stringify(file)} has none`);
  return pem;
}

async function main(): Promise<void> {
  let cli: FaultsCli;
  let access: FaultsAccess;
  try {
    cli = parseFaultsArgs(process.argv.slice(2));
    access = faultsAccessFromEnv(process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (cli.help) return void console.log(USAGE);
  let fc: FaultController;
  try {
    fc = await startFaults(cli, access, cli.quiet ? pino({ level: "silent" }) : pino({ name: "faults" }));
  } catch (err) {
    console.error(`the fault controller did not start: ${(err as Error).message}`);
    process.exit(1);
  }
  console.log(describeFaults(fc, cli, access));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nending every fault and stopping...");
    fc.close().then(() => process.exit(0), (err: Error) => {
      console.error(`stop failed: ${err.message}`);
      process.exit(1);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
