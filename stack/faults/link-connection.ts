// One client connection through a link. Idle, it is a plain TCP relay to the upstream (the fast
// path: no HTTP parsing beyond where requests start and responses end, for the link's traffic
// counters). While an HTTP or stream fault is active on the link, each new request on the
// connection (detected at a request boundary, so keep-alive pools are caught too) is relayed to
// the link's in-process HTTP fault proxy instead; when the fault ends, the next request goes
// straight again. Network faults act here, on bytes, whichever way the requests are routed, and
// each counts the requests (connections, for non-HTTP traffic) it affected once.
import type net from "node:net";
import { openAiErrorBody } from "../../contracts/openai-error.ts";
import { Conduit, type Shaping } from "./conduit.ts";
import { requestStart, ResponseFraming } from "./http-framing.ts";
import { ConnectionFaults, IDLE, sampleLatency, type NetworkState } from "./network-state.ts";

/** Upstream traffic of a link since the controller started. */
export interface Traffic {
  /**
   * HTTP requests the caller sent on the link, monotonic: its attempts at this upstream, counted when
   * they arrive, whatever then happens to them (relayed, held, answered by an injected error,
   * swallowed), so retry amplification is measured whichever fault answers.
   */
  attempts: number;
  /** HTTP requests relayed to the upstream, monotonic. */
  requests: number;
  /** Requests relayed whose response has not ended (a stream: until its last chunk or the connection's close). */
  open: number;
}

/** What a connection reads from, and reports to, its link. */
export interface LinkView {
  readonly state: NetworkState;
  /** True while requests go through the HTTP fault proxy (an HTTP or stream fault is active). */
  readonly viaProxy: boolean;
  readonly traffic: Traffic;
  /** A new socket to the upstream (TCP or TLS), or to the HTTP fault proxy. */
  dial(viaProxy: boolean): net.Socket;
  /** A request start with the Host line the upstream expects (unchanged unless the upstream is a URL). */
  withUpstreamHost(chunk: Buffer): Buffer;
  /** Counts one request (or connection) affected by network fault `id`. */
  affected(id: string): void;
  /** A sentence for an upstream error the caller must read (an untrusted certificate), or null. */
  upstreamProblem(err: NodeJS.ErrnoException): string | null;
}

/** Relays one accepted client socket to the upstream, applying the link's network faults. */
export class LinkConnection {
  private upstream: net.Socket | null = null;
  // The raw upstream's responses, followed for the traffic counters; null through the proxy.
  private framing: ResponseFraming | null = null;
  private mode: "raw" | "proxy" | null = null;
  // True once the upstream has answered since the client last wrote: the next client chunk
  // starts a new request (HTTP/1.1 without pipelining, as undici and node pools use it).
  private betweenRequests = true;
  private readonly faults: ConnectionFaults;
  private doomed = false;
  private cut = false;
  private draining = false;
  private closed = false;
  private readonly up: Conduit;
  private readonly down: Conduit;

  constructor(private readonly client: net.Socket, private readonly link: LinkView, private readonly onClose: (c: LinkConnection) => void) {
    this.faults = new ConnectionFaults((id) => this.link.affected(id));
    const held = () => this.link.state.drops.length > 0;
    const flow = () => this.refreshFlow();
    this.up = new Conduit(() => this.upstream, () => this.shaping(false), held, flow);
    this.down = new Conduit(() => this.client, () => this.shaping(true), held, flow);
    client.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.fromClient(chunk));
    client.on("end", () => (this.upstream ? this.up.mark(() => this.upstream?.end()) : this.destroy()));
    client.on("error", () => this.clientGone());
    client.on("close", () => this.clientGone());
  }

  /** Re-reads the link's state after a fault started or ended. */
  refresh(): void {
    if (this.doomed && this.link.state.blackholes.length === 0) return this.destroy();
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
    if (this.cut || this.draining) return;
    const state = this.link.state;
    const method = this.betweenRequests ? requestStart(chunk) : null;
    if (method !== null) {
      this.faults.newRequest();
      this.link.traffic.attempts++;
    }
    if (state.blackholes.length > 0) return this.swallow();
    if (state.resets.length > 0 && this.faults.resetsNow(state)) return this.reset();
    if (state !== IDLE) this.faults.shaped(state, false);
    if (method !== null) {
      this.betweenRequests = false;
      this.route();
    } else if (this.upstream === null) {
      this.route();
    }
    const framing = this.framing;
    if (method === null || framing === null) return this.up.write(chunk);
    this.up.write(this.link.withUpstreamHost(chunk));
    // Counted once relayed, not when read: a drop holds requests, and a held request is no attempt yet.
    this.up.mark(() => this.relayed(framing, method));
  }

  private fromUpstream(socket: net.Socket, framing: ResponseFraming | null, chunk: Buffer): void {
    if (socket !== this.upstream || this.cut) return;
    const state = this.link.state;
    if (state.blackholes.length > 0) return this.swallow();
    this.betweenRequests = true;
    if (framing !== null && framing.pending > 0) this.link.traffic.open -= framing.push(chunk);
    if (this.draining) {
      if (framing === null || framing.pending === 0) this.destroy();
      return;
    }
    if (state === IDLE) return this.down.write(chunk);
    if (state.resets.length > 0 && this.faults.resetsNow(state)) return this.reset();
    this.faults.shaped(state, true);
    const allowed = state.resets.length > 0 ? this.faults.cutAfter(state, chunk.length) : null;
    if (allowed === null) return this.down.write(chunk);
    this.cut = true;
    if (allowed > 0) this.down.write(chunk.subarray(0, allowed));
    this.down.mark(() => this.reset());
  }

  // Connects (or reconnects at a request boundary) to where requests go now.
  private route(): void {
    const mode = this.link.viaProxy ? "proxy" : "raw";
    if (mode === this.mode && this.upstream !== null) return;
    this.upstream?.end();
    this.mode = mode;
    const socket = this.link.dial(mode === "proxy");
    const framing = mode === "raw" ? new ResponseFraming() : null;
    this.upstream = socket;
    this.framing = framing;
    this.up.sinkChanged();
    socket.on("data", (chunk: Buffer) => this.fromUpstream(socket, framing, chunk));
    socket.on("end", () => socket === this.upstream && this.down.mark(() => this.client.end()));
    socket.on("error", (err: NodeJS.ErrnoException) => socket === this.upstream && this.upstreamFailed(err));
    socket.on("close", () => {
      if (framing !== null) this.link.traffic.open -= framing.close();
      if (socket === this.upstream && (this.client.writableEnded || this.draining)) this.destroy();
    });
    this.refreshFlow();
  }

  private relayed(framing: ResponseFraming, method: string): void {
    if (this.closed) return;
    framing.expect(method);
    this.link.traffic.requests++;
    this.link.traffic.open++;
  }

  // The caller left (closed or reset). With an answer still open on the raw path, its departure
  // goes on as a FIN and the answer is read to its end: an upstream that keeps streaming to nobody
  // stays visible (traffic.open) instead of being cancelled by the link.
  private clientGone(): void {
    if (this.closed || this.draining) return;
    if (this.cut || this.framing === null || this.framing.pending === 0) return this.destroy();
    this.draining = true;
    this.down.clear();
    this.up.mark(() => this.upstream?.end());
    this.refreshFlow();
  }

  private upstreamFailed(err: NodeJS.ErrnoException): void {
    const problem = this.mode === "raw" && !this.betweenRequests && !this.draining ? this.link.upstreamProblem(err) : null;
    if (problem !== null) return this.answerBadGateway(problem);
    if (err.code === "ECONNRESET") this.reset();
    else this.destroy();
  }

  // A link that cannot reach its upstream for a reason the caller must read (an untrusted
  // certificate) says so as a 502 OpenAI error instead of closing silently.
  private answerBadGateway(message: string): void {
    const body = JSON.stringify(openAiErrorBody(502, message, { code: "upstream_unreachable" }));
    this.cut = true;
    this.upstream?.destroy();
    this.client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }

  // Blackhole: bytes are read and discarded; the connection cannot be repaired afterwards.
  private swallow(): void {
    this.doomed = true;
    this.faults.swallowed(this.link.state);
  }

  private reset(): void {
    if (this.closed) return;
    this.cut = true;
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.destroy();
  }

  private shaping(downstream: boolean): Shaping {
    const state = this.link.state;
    return { delayMs: state.latencies.length ? sampleLatency(state) : 0, rate: downstream ? (state.rate?.bytesPerSecond ?? null) : null };
  }

  // A drop holds what it reads (conduits queue while held) and stops reading once a queue is full.
  private refreshFlow(): void {
    setFlowing(this.client, !this.up.pressured);
    // Draining, nothing goes to the caller: its full or dead socket must not stop the reading.
    if (this.upstream) setFlowing(this.upstream, this.draining || !this.down.pressured);
  }
}

function setFlowing(socket: net.Socket, flowing: boolean): void {
  if (flowing && socket.isPaused()) socket.resume();
  else if (!flowing && !socket.isPaused()) socket.pause();
}
