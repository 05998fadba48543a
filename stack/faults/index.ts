// The fault controller, the local backend of lib/faults (README.md). createFaultController starts
// a link per provider target, wires pod targets to their drivers, and serves the REST API.
// close() ends every fault, then closes links and the API; nothing it started (timer, socket,
// stress process) outlives it. Off loopback it refuses to start without a token (auth.ts); the
// links listen on the same host but carry provider traffic, not control.
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { DEFAULT_PORTS } from "../../contracts/local-stack.ts";
import { createApp } from "./app.ts";
import { checkAccess } from "./auth.ts";
import type { TargetRuntime } from "./kinds/kind.ts";
import type { PodDriver } from "./kinds/pod.ts";
import { LeaseBook } from "./leases.ts";
import { Link } from "./link.ts";

export { checkAccess, faultsAccessFromEnv, resolveFaultsAccess, type FaultsAccess } from "./auth.ts";
export { parseBytes } from "./fields.ts";
export type { Pod, PodDriver } from "./kinds/pod.ts";

/**
 * A target: an upstream reached through a link, or a set of pods behind a driver. `upstream` is
 * "host:port" or an http(s) URL; `ca` is PEM trusted for an https upstream besides Node's CA store.
 */
export type TargetSpec = { name: string; upstream: string; listenPort?: number; ca?: string } | { name: string; pods: PodDriver };

/** A target's name: Kubernetes-style (a DNS label), such as "provider-a". */
export const TARGET_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Longest fault duration accepted by default (ms): an hour, above the soak profile's 30 min fault. */
export const DEFAULT_MAX_LEASE_MS = 3_600_000;

/** Options of createFaultController. */
export interface FaultControllerOptions {
  targets: TargetSpec[];
  /** API port; default 7070, 0 picks a free one. */
  apiPort?: number;
  /** Interface for the API and the links; default 127.0.0.1. Any non-loopback host needs `token`. */
  host?: string;
  /** Bearer token every API request but GET /healthz must carry; see auth.ts for the accepted form. Never logged. */
  token?: string;
  /** Longest accepted fault duration, milliseconds; default 1 hour (the soak profile holds its fault 30 min). */
  maxLeaseMs?: number;
  logger?: Logger;
}

/** A running fault controller. */
export interface FaultController {
  /** "http://127.0.0.1:<port>" of the REST API (a wildcard host such as 0.0.0.0 is dialled on loopback). */
  apiUrl: string;
  /** "http://127.0.0.1:<port>" of a provider target's link (dialled like apiUrl); throws for other names. */
  linkUrl(target: string): string;
  /** Ends every fault. */
  reset(): Promise<void>;
  /** Ends every fault, closes the links and the API. */
  close(): Promise<void>;
}

/** Starts the fault controller; resolves once the API and every link listen. */
export async function createFaultController(opts: FaultControllerOptions): Promise<FaultController> {
  const host = opts.host ?? "127.0.0.1";
  checkAccess(host, opts.token);
  const logger = opts.logger ?? pino({ name: "faults", timestamp: pino.stdTimeFunctions.isoTime });
  const targets = new Map<string, TargetRuntime>();
  const links: Link[] = [];
  const abort = new AbortController();
  const closeLinks = () => Promise.all(links.map((l) => l.close()));
  try {
    for (const spec of opts.targets) {
      if (!TARGET_NAME.test(spec.name) || targets.has(spec.name)) {
        throw new Error(`target name must be a unique Kubernetes-style name such as "provider-a", got ${JSON.stringify(spec.name)}`);
      }
      if ("pods" in spec) {
        targets.set(spec.name, { name: spec.name, pods: spec.pods });
        continue;
      }
      const link = await Link.start({ name: spec.name, upstream: spec.upstream, host, port: spec.listenPort ?? 0, logger, ...(spec.ca === undefined ? {} : { ca: spec.ca }) });
      links.push(link);
      targets.set(spec.name, { name: spec.name, link });
    }
  } catch (err) {
    await closeLinks();
    throw err;
  }

  const leases = new LeaseBook(logger);
  const server = createApp({ targets, leases, logger, maxLeaseMs: opts.maxLeaseMs ?? DEFAULT_MAX_LEASE_MS, signal: abort.signal }, opts.token);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.apiPort ?? DEFAULT_PORTS.faults, host, () => resolve());
  }).catch(async (err: unknown) => {
    await closeLinks();
    throw err;
  });
  const apiUrl = dialUrl(host, (server.address() as AddressInfo).port);
  const auth = opts.token === undefined ? "none" : "bearer token";
  logger.info({ event: "listening", api: apiUrl, host, auth, links: Object.fromEntries(links.map((l) => [l.name, l.address])) }, "fault controller listening");

  let closing: Promise<void> | null = null;
  return {
    apiUrl,
    linkUrl(name) {
      const link = targets.get(name)?.link;
      if (!link) throw new Error(`no link for target ${JSON.stringify(name)}; targets with links: ${links.map((l) => l.name).join(", ")}`);
      return dialUrl(host, Number(link.address.slice(link.address.lastIndexOf(":") + 1)));
    },
    reset: () => leases.endAll("reset"),
    close: () =>
      (closing ??= (async () => {
        abort.abort();
        await leases.endAll("closed");
        server.closeAllConnections();
        await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), closeLinks()]);
      })()),
  };
}

// --- internal ---

// Where this process reaches a server listening on `host`: wildcards on loopback, IPv6 bracketed.
function dialUrl(host: string, port: number): string {
  const dial = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${dial.includes(":") ? `[${dial}]` : dial}:${port}`;
}
