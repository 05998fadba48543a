// A target's link: the TCP proxy that sits between the gateway and one provider (Toxiproxy's
// "proxy"). It listens on its own port and relays each connection to the upstream; network
// faults act on the relayed bytes (link-connection.ts), HTTP faults on requests, which are
// routed through the link's in-process HTTP fault proxy only while such a fault is active.
import net from "node:net";
import type { Logger } from "pino";
import type { HttpSpec } from "./kinds/http.ts";
import type { NetworkSpec } from "./kinds/network.ts";
import { createHttpFaultProxy, type HttpFaultProxy } from "./http-fault-proxy.ts";
import { LinkConnection, type LinkView } from "./link-connection.ts";
import { foldNetworkFaults, IDLE, type ActiveNetworkFault, type NetworkState } from "./network-state.ts";

/** Where a link listens and what it relays to. */
export interface LinkOptions {
  /** The target's name, for logs. */
  name: string;
  /** "host:port" of the upstream. */
  upstream: string;
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  logger: Logger;
}

/** One active HTTP fault on a link. */
export interface ActiveHttpFault { id: string; spec: HttpSpec }

/** A listening link with its active faults. */
export class Link implements LinkView {
  state: NetworkState = IDLE;
  httpActive = false;
  readonly upstream: { host: string; port: number };
  private readonly server: net.Server;
  private readonly proxy: HttpFaultProxy;
  private readonly connections = new Set<LinkConnection>();
  private network: ActiveNetworkFault[] = [];
  private http: ActiveHttpFault[] = [];

  private constructor(private readonly opts: LinkOptions) {
    this.upstream = parseHostPort(opts.upstream, `upstream of target '${opts.name}'`);
    this.proxy = createHttpFaultProxy({ upstream: this.upstream, faults: () => this.http, logger: opts.logger });
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => {
      const connection = new LinkConnection(socket, this, (c) => this.connections.delete(c));
      this.connections.add(connection);
    });
  }

  /** Starts a link listening; resolves once both its port and its HTTP fault proxy listen. */
  static async start(opts: LinkOptions): Promise<Link> {
    const link = new Link(opts);
    await link.proxy.listen(opts.host);
    await new Promise<void>((resolve, reject) => {
      link.server.once("error", reject);
      link.server.listen(opts.port, opts.host, () => resolve());
    }).catch(async (err: unknown) => {
      await link.proxy.close();
      throw err;
    });
    return link;
  }

  /** The target's name. */
  get name(): string {
    return this.opts.name;
  }

  /** "host:port" the link listens on. */
  get address(): string {
    const addr = this.server.address() as net.AddressInfo;
    return `${this.opts.host}:${addr.port}`;
  }

  /** The port of the in-process HTTP fault proxy. */
  get httpProxyPort(): number {
    return this.proxy.port;
  }

  /** Starts a network fault; the returned function ends it. */
  addNetworkFault(id: string, spec: NetworkSpec): () => void {
    this.network = [...this.network, { id, spec }];
    this.changed();
    return () => {
      this.network = this.network.filter((f) => f.id !== id);
      this.changed();
    };
  }

  /** Starts an HTTP fault; the returned function ends it. */
  addHttpFault(id: string, spec: HttpSpec): () => void {
    this.http = [...this.http, { id, spec }];
    this.httpActive = true;
    return () => {
      this.http = this.http.filter((f) => f.id !== id);
      this.httpActive = this.http.length > 0;
    };
  }

  /** Stops listening and closes every connection and the HTTP fault proxy. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of [...this.connections]) c.destroy();
    await Promise.all([closed, this.proxy.close()]);
  }

  // --- internal ---

  private changed(): void {
    this.state = foldNetworkFaults(this.network);
    for (const c of [...this.connections]) c.refresh();
  }
}

/** Parses "host:port" (port 0–65535), throwing a sentence naming `what`. */
export function parseHostPort(text: string, what: string): { host: string; port: number } {
  const m = /^([\w.-]+|\[[\da-f:]+\]):(\d{1,5})$/i.exec(text);
  const port = Number(m?.[2]);
  if (m === null || port > 65_535) throw new Error(`${what} must be "host:port" such as "127.0.0.1:9001", got ${JSON.stringify(text)}`);
  return { host: (m[1] ?? "").replace(/^\[|\]$/g, ""), port };
}
