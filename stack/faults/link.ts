// A target's link: the proxy that sits between the gateway and one upstream (Toxiproxy's
// "proxy"). It listens on its own port (plain HTTP/TCP) and relays each connection to the
// upstream, over TCP or TLS; network faults act on the relayed bytes (link-connection.ts), HTTP
// and stream faults on requests, which are routed through the link's in-process HTTP fault proxy
// only while such a fault is active. It counts the requests it relays upstream and the answers
// still open (Traffic), whichever way they go.
import net from "node:net";
import tls from "node:tls";
import type { Logger } from "pino";
import { createHttpFaultProxy, type HttpFaultProxy } from "./http-fault-proxy.ts";
import { withHost } from "./http-framing.ts";
import type { HttpSpec } from "./kinds/http.ts";
import type { NetworkSpec } from "./kinds/network.ts";
import type { StreamSpec } from "./kinds/stream.ts";
import { LinkConnection, type LinkView, type Traffic } from "./link-connection.ts";
import { foldNetworkFaults, IDLE, type ActiveNetworkFault, type NetworkState } from "./network-state.ts";
import { parseUpstream, tlsProblem, type Upstream } from "./upstream.ts";

/** Where a link listens and what it relays to. */
export interface LinkOptions {
  /** The target's name, for logs. */
  name: string;
  /** "host:port" (plain TCP), or an "http://" or "https://" URL of the upstream. */
  upstream: string;
  /** PEM certificates trusted for an https upstream besides Node's CA store (a private CA). */
  ca?: string;
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  logger: Logger;
}

/** A request-level fault on a link: its spec and the counter of what it affected. */
export interface ActiveFault<S> { id: string; spec: S; affected: () => void }

/** A listening link with its active faults. */
export class Link implements LinkView {
  state: NetworkState = IDLE;
  viaProxy = false;
  readonly traffic: Traffic = { attempts: 0, requests: 0, open: 0 };
  readonly upstream: Upstream;
  private readonly server: net.Server;
  private readonly proxy: HttpFaultProxy;
  private readonly connections = new Set<LinkConnection>();
  private readonly counters = new Map<string, () => void>();
  private network: ActiveNetworkFault[] = [];
  private http: ActiveFault<HttpSpec>[] = [];
  private stream: ActiveFault<StreamSpec>[] = [];
  private readonly reported = new Set<string>();

  private constructor(private readonly opts: LinkOptions) {
    this.upstream = parseUpstream(opts.upstream, `upstream of target '${opts.name}'`, opts.ca);
    this.proxy = createHttpFaultProxy({
      upstream: this.upstream,
      faults: () => ({ http: this.http, stream: this.stream }),
      traffic: this.traffic,
      describeError: (err) => this.upstreamProblem(err),
      logger: opts.logger,
    });
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => {
      const connection = new LinkConnection(socket, this, (c) => this.connections.delete(c));
      this.connections.add(connection);
    });
  }

  /** Starts a link listening; resolves once both its port and its HTTP fault proxy listen. */
  static async start(opts: LinkOptions): Promise<Link> {
    const link = new Link(opts);
    await link.proxy.listen();
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

  dial(viaProxy: boolean): net.Socket {
    if (viaProxy) return net.connect({ host: "127.0.0.1", port: this.proxy.port, allowHalfOpen: true, noDelay: true });
    const { host, port, tls: secure } = this.upstream;
    if (secure === null) return net.connect({ host, port, allowHalfOpen: true, noDelay: true });
    const socket = tls.connect({ ...secure, allowHalfOpen: true } as tls.ConnectionOptions);
    socket.setNoDelay(true);
    return socket;
  }

  withUpstreamHost(chunk: Buffer): Buffer {
    return this.upstream.hostHeader === null ? chunk : withHost(chunk, this.upstream.hostHeader);
  }

  affected(id: string): void {
    this.counters.get(id)?.();
  }

  upstreamProblem(err: NodeJS.ErrnoException): string | null {
    const sentence = tlsProblem(this.name, this.upstream, err);
    // Said once per kind of refusal in the log; every refused caller reads it in its 502.
    if (sentence !== null && !this.reported.has(err.code ?? "")) {
      this.reported.add(err.code ?? "");
      this.opts.logger.error({ event: "upstream_tls", target: this.name, upstream: this.upstream.origin, code: err.code }, sentence);
    }
    return sentence;
  }

  /** Starts a network fault counting into `affected`; the returned function ends it. */
  addNetworkFault(id: string, spec: NetworkSpec, affected: () => void): () => void {
    this.network = [...this.network, { id, spec }];
    this.counters.set(id, affected);
    this.networkChanged();
    return () => {
      this.network = this.network.filter((f) => f.id !== id);
      this.counters.delete(id);
      this.networkChanged();
    };
  }

  /** Starts an HTTP fault counting into `affected`; the returned function ends it. */
  addHttpFault(id: string, spec: HttpSpec, affected: () => void): () => void {
    this.http = [...this.http, { id, spec, affected }];
    return this.proxied(() => (this.http = this.http.filter((f) => f.id !== id)));
  }

  /** Starts a stream fault counting into `affected`; the returned function ends it. */
  addStreamFault(id: string, spec: StreamSpec, affected: () => void): () => void {
    this.stream = [...this.stream, { id, spec, affected }];
    return this.proxied(() => (this.stream = this.stream.filter((f) => f.id !== id)));
  }

  /** Stops listening and closes every connection and the HTTP fault proxy. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of [...this.connections]) c.destroy();
    await Promise.all([closed, this.proxy.close()]);
  }

  // --- internal ---

  // Requests go through the HTTP fault proxy while any HTTP or stream fault is active; `remove` ends one.
  private proxied(remove: () => void): () => void {
    this.viaProxy = true;
    return () => {
      remove();
      this.viaProxy = this.http.length + this.stream.length > 0;
    };
  }

  private networkChanged(): void {
    this.state = foldNetworkFaults(this.network);
    for (const c of [...this.connections]) c.refresh();
  }
}
