// One client connection through a link. Idle, it is a plain TCP relay to the upstream (the fast
// path: no HTTP parsing). While an HTTP fault is active on the link, each new request on the
// connection (detected at a request boundary, so keep-alive pools are caught too) is relayed to
// the link's in-process HTTP fault proxy instead; when the fault ends, the next request goes
// straight again. Network faults act here, on bytes, whichever way the requests are routed.
import net from "node:net";
import { Conduit, type Shaping } from "./conduit.ts";
import { sampleLatency, type NetworkState } from "./network-state.ts";

/** What a connection reads from its link. */
export interface LinkView {
  readonly state: NetworkState;
  readonly httpActive: boolean;
  readonly upstream: { host: string; port: number };
  readonly httpProxyPort: number;
}

type ResetPlan = { chosen: boolean; remaining: number | null };

// A request line at the start of a chunk: HTTP/1.x clients (undici, node) write it in one piece.
const REQUEST_START = /^[A-Z]{3,7} \S+ HTTP\/1\.[01]\r\n/;

/** Relays one accepted client socket to the upstream, applying the link's network faults. */
export class LinkConnection {
  private upstream: net.Socket | null = null;
  private mode: "raw" | "http" | null = null;
  // True once the upstream has answered since the client last wrote: the next client chunk
  // starts a new request (HTTP/1.1 without pipelining, as undici and node pools use it).
  private betweenRequests = true;
  private doomed = false;
  private cut = false;
  private closed = false;
  private readonly resets = new Map<string, ResetPlan>();
  private readonly up: Conduit;
  private readonly down: Conduit;

  constructor(private readonly client: net.Socket, private readonly link: LinkView, private readonly onClose: (c: LinkConnection) => void) {
    const held = () => this.link.state.drop;
    const flow = () => this.refreshFlow();
    this.up = new Conduit(() => this.upstream, () => this.shaping(false), held, flow);
    this.down = new Conduit(() => this.client, () => this.shaping(true), held, flow);
    client.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.fromClient(chunk));
    client.on("end", () => (this.upstream ? this.up.mark(() => this.upstream?.end()) : this.destroy()));
    client.on("error", () => this.destroy());
    client.on("close", () => this.destroy());
    this.refreshFlow();
  }

  /** Re-reads the link's state after a fault started or ended. */
  refresh(): void {
    if (this.doomed && !this.link.state.blackhole) return this.destroy();
    this.refreshFlow();
    this.up.kick();
    this.down.kick();
  }

  /** Closes both sides now. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.up.clear();
    this.down.clear();
    this.client.destroy();
    this.upstream?.destroy();
    this.onClose(this);
  }

  // --- internal ---

  private fromClient(chunk: Buffer): void {
    if (this.cut) return;
    if (this.link.state.blackhole) {
      this.doomed = true;
      return;
    }
    const starts = this.betweenRequests && REQUEST_START.test(chunk.toString("latin1", 0, Math.min(chunk.length, 64)));
    // Each request rolls the reset rules afresh: rolled once per connection, a keep-alive pool
    // would soon hold only connections that were spared, and `probability` would stop meaning
    // a share of the traffic.
    if (starts) this.resets.clear();
    if (this.rollResets()) return;
    if (starts) {
      this.betweenRequests = false;
      this.route();
    } else if (this.upstream === null) {
      this.route();
    }
    this.up.write(chunk);
  }

  private fromUpstream(socket: net.Socket, chunk: Buffer): void {
    if (socket !== this.upstream || this.cut) return;
    if (this.link.state.blackhole) {
      this.doomed = true;
      return;
    }
    this.betweenRequests = true;
    if (this.rollResets()) return;
    const allowed = this.spendResetBudget(chunk.length);
    if (allowed === null) return this.down.write(chunk);
    this.cut = true;
    if (allowed > 0) this.down.write(chunk.subarray(0, allowed));
    this.down.mark(() => this.reset());
  }

  // Connects (or reconnects at a request boundary) to where requests go now.
  private route(): void {
    const mode = this.link.httpActive ? "http" : "raw";
    if (mode === this.mode && this.upstream !== null) return;
    this.upstream?.end();
    this.mode = mode;
    const { host, port } = this.link.upstream;
    const socket = net.connect({ host, port: mode === "http" ? this.link.httpProxyPort : port, allowHalfOpen: true, noDelay: true });
    this.upstream = socket;
    this.up.sinkChanged();
    socket.on("data", (chunk: Buffer) => this.fromUpstream(socket, chunk));
    socket.on("end", () => socket === this.upstream && this.down.mark(() => this.client.end()));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (socket !== this.upstream) return;
      if (err.code === "ECONNRESET") this.reset();
      else this.destroy();
    });
    socket.on("close", () => socket === this.upstream && this.client.writableEnded && this.destroy());
    this.refreshFlow();
  }

  // Decides, once per request (per connection when it carries no HTTP) and reset fault, whether
  // this connection is reset; resets now when chosen without an afterBytes budget.
  private rollResets(): boolean {
    for (const rule of this.link.state.resets) {
      if (this.resets.has(rule.id)) continue;
      const plan = { chosen: Math.random() < rule.probability, remaining: rule.afterBytes };
      this.resets.set(rule.id, plan);
      if (plan.chosen && plan.remaining === null) {
        this.reset();
        return true;
      }
    }
    return false;
  }

  // Bytes of a downstream chunk that may still pass before a chosen afterBytes reset, or null
  // when the whole chunk may pass.
  private spendResetBudget(length: number): number | null {
    let allowed: number | null = null;
    for (const rule of this.link.state.resets) {
      const plan = this.resets.get(rule.id);
      if (!plan?.chosen || plan.remaining === null) continue;
      if (length >= plan.remaining) allowed = Math.min(allowed ?? Infinity, plan.remaining);
      else plan.remaining -= length;
    }
    return allowed;
  }

  private reset(): void {
    if (this.closed) return;
    this.cut = true;
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.destroy();
  }

  private shaping(downstream: boolean): Shaping {
    const state = this.link.state;
    return { delayMs: state.latencies.length ? sampleLatency(state) : 0, rate: downstream ? state.rate : null };
  }

  private refreshFlow(): void {
    const drop = this.link.state.drop;
    setFlowing(this.client, !drop && !this.up.pressured);
    if (this.upstream) setFlowing(this.upstream, !drop && !this.down.pressured);
  }
}

function setFlowing(socket: net.Socket, flowing: boolean): void {
  if (flowing && socket.isPaused()) socket.resume();
  else if (!flowing && !socket.isPaused()) socket.pause();
}
